package io.ticketmesh.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketmesh.platform.error.DomainException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageTest {
    private record Row(Instant at, UUID id) {}

    private static Row row(long micros) {
        return new Row(Instant.EPOCH.plusNanos(micros * 1000), UUID.randomUUID());
    }

    @Test
    void aCursorComesBackFromItsTokenToTheMicrosecondAsTheDatabaseHasIt() {
        OffsetDateTime stored = OffsetDateTime.of(2026, 12, 5, 10, 30, 0, 123_456_000, ZoneOffset.ofHours(2));
        UUID id = UUID.randomUUID();
        Cursor parsed = Cursor.parse(Cursor.of(stored, id).token());
        assertThat(parsed.atUtc()).isEqualTo(stored.withOffsetSameInstant(ZoneOffset.UTC));
        assertThat(parsed.id()).isEqualTo(id);
        var timestamp = com.google.protobuf.Timestamp.newBuilder().setSeconds(stored.toEpochSecond()).setNanos(123_456_000).build();
        assertThat(Cursor.of(timestamp, id.toString())).isEqualTo(parsed);
    }

    @Test
    void noTokenIsTheFirstPageAndAnythingElseNotOursIsRefusedAsThePageToken() {
        assertThat(Cursor.parse("")).isNull();
        assertThat(Cursor.parse(null)).isNull();
        for (String forged : List.of("-1", "x", "99999999999", "bm90IGEgY3Vyc29y", "MTox")) {
            assertThatThrownBy(() -> Cursor.parse(forged)).as(forged).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("page_token"));
        }
    }

    @Test
    void aPageReadOneRowPastItsSizeHasANextTokenAfterItsLastRowAndTheLastPageNone() {
        List<Row> read = List.of(row(1), row(2), row(3));
        Page<Row> full = Page.of(read, 2, r -> new Cursor(r.at(), r.id()));
        assertThat(full.rows()).containsExactly(read.get(0), read.get(1));
        assertThat(Cursor.parse(full.nextToken())).isEqualTo(new Cursor(read.get(1).at(), read.get(1).id()));

        Page<Row> last = Page.of(read.subList(0, 2), 2, r -> new Cursor(r.at(), r.id()));
        assertThat(last.rows()).hasSize(2);
        assertThat(last.nextToken()).isEmpty();
    }
}
