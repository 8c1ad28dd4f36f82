package io.ticketmesh.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.ticket.v1.ListTicketsRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageTest {
    private static final ListTicketsRequest DOOR_LIST = ListTicketsRequest.newBuilder().setShowtimeId(UUID.randomUUID().toString())
            .setPageSize(2).build();

    private record Row(Instant at, UUID id) {}

    private static Row row(long micros) {
        return new Row(Instant.EPOCH.plusNanos(micros * 1000), UUID.randomUUID());
    }

    private static ListTicketsRequest next(ListTicketsRequest list, String token) {
        return list.toBuilder().setPageToken(token).build();
    }

    @Test
    void aCursorComesBackFromItsTokenToTheMicrosecondAsTheDatabaseHasIt() {
        OffsetDateTime stored = OffsetDateTime.of(2026, 12, 5, 10, 30, 0, 123_456_000, ZoneOffset.ofHours(2));
        UUID id = UUID.randomUUID();
        Cursor parsed = Cursor.parse(next(DOOR_LIST, Cursor.of(stored, id).token(DOOR_LIST)));
        assertThat(parsed.atUtc()).isEqualTo(stored.withOffsetSameInstant(ZoneOffset.UTC));
        assertThat(parsed.id()).isEqualTo(id);
        var timestamp = com.google.protobuf.Timestamp.newBuilder().setSeconds(stored.toEpochSecond()).setNanos(123_456_000).build();
        assertThat(Cursor.of(timestamp, id.toString())).isEqualTo(parsed);
    }

    @Test
    void noTokenIsTheFirstPageAndAnythingElseNotOursIsRefusedAsThePageToken() {
        assertThat(Cursor.parse(DOOR_LIST)).isNull();
        for (String forged : List.of("-1", "x", "99999999999", "bm90IGEgY3Vyc29y", "MTox")) {
            assertThatThrownBy(() -> Cursor.parse(next(DOOR_LIST, forged))).as(forged).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("page_token"));
        }
        assertThatThrownBy(() -> Cursor.parse(com.google.protobuf.Empty.getDefaultInstance()))
                .as("a request without a page token is no list").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageReadOneRowPastItsSizeHasANextTokenAfterItsLastRowAndTheLastPageNone() {
        List<Row> read = List.of(row(1), row(2), row(3));
        Page<Row> full = Page.of(read, 2, r -> new Cursor(r.at(), r.id()), DOOR_LIST);
        assertThat(full.rows()).containsExactly(read.get(0), read.get(1));
        assertThat(Cursor.parse(next(DOOR_LIST, full.nextToken()))).isEqualTo(new Cursor(read.get(1).at(), read.get(1).id()));

        Page<Row> last = Page.of(read.subList(0, 2), 2, r -> new Cursor(r.at(), r.id()), DOOR_LIST);
        assertThat(last.rows()).hasSize(2);
        assertThat(last.nextToken()).isEmpty();
    }

    @Test
    void aTokenTurnsThePagesOfItsListWhateverThePageSizeAndIsRefusedWithOtherFilters() {
        String token = new Cursor(Instant.EPOCH, UUID.randomUUID()).token(DOOR_LIST);
        assertThat(Cursor.parse(next(DOOR_LIST.toBuilder().setPageSize(500).build(), token))).as("another page size").isNotNull();

        ListTicketsRequest otherShowtime = DOOR_LIST.toBuilder().setShowtimeId(UUID.randomUUID().toString()).build();
        ListTicketsRequest holders = DOOR_LIST.toBuilder().setHolderUserId(UUID.randomUUID().toString()).build();
        for (ListTicketsRequest other : List.of(otherShowtime, holders)) {
            assertThatThrownBy(() -> Cursor.parse(next(other, token))).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.violations()).extracting(v -> v.field()).containsExactly("page_token");
                assertThat(e.violations()).extracting(v -> v.description()).singleElement().asString().contains("other filters");
            });
        }
    }

    @Test
    void aTokenTurnsThePagesOfItsCallerAloneNotAnotherCallersOfTheSameList() throws Exception {
        Caller ada = new Caller(UUID.randomUUID().toString(), "ada@example.test", "Ada", Map.of(), Set.of(), "");
        Caller eve = new Caller(UUID.randomUUID().toString(), "eve@example.test", "Eve", Map.of(), Set.of(), "");
        Cursor cursor = new Cursor(Instant.EPOCH, UUID.randomUUID());
        String adas = CallerContext.with(ada).call(() -> cursor.token(DOOR_LIST));
        assertThat(CallerContext.with(ada).call(() -> Cursor.parse(next(DOOR_LIST, adas)))).isEqualTo(cursor);
        for (Caller other : List.of(eve, Caller.ANONYMOUS)) {
            assertThatThrownBy(() -> CallerContext.with(other).call(() -> Cursor.parse(next(DOOR_LIST, adas)))).as(other.userId())
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations()).extracting(v -> v.description())
                            .singleElement().asString().contains("another caller"));
        }
    }

    @Test
    void aTokenIssuedBeforeTokensNamedTheirListIsStillTaken() {
        UUID id = UUID.randomUUID();
        String unbound = Base64.getUrlEncoder().withoutPadding().encodeToString(("1700000000:5000:" + id).getBytes(StandardCharsets.UTF_8));
        assertThat(Cursor.parse(next(DOOR_LIST, unbound))).isEqualTo(new Cursor(Instant.ofEpochSecond(1700000000, 5000), id));
    }
}
