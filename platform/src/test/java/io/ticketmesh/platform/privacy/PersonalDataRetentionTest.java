package io.ticketmesh.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of personal data kept for no account is erased, batch after batch, once kept longer than the retention. */
class PersonalDataRetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    /** Entries kept at given times, erased as a table would erase them: the oldest first, up to the limit. */
    private static final class Kept implements ExpiringPersonalData {
        final List<OffsetDateTime> times = new ArrayList<>();
        final List<Integer> rounds = new ArrayList<>();
        OffsetDateTime cutoff;

        Kept(int count, Duration ago) {
            for (int i = 0; i < count; i++) {
                times.add(NOW.minus(ago).atOffset(ZoneOffset.UTC));
            }
        }

        @Override
        public int eraseKeptBefore(OffsetDateTime cutoff, int limit) {
            this.cutoff = cutoff;
            List<OffsetDateTime> old = times.stream().filter(time -> time.isBefore(cutoff)).limit(limit).toList();
            old.forEach(times::remove);
            rounds.add(old.size());
            return old.size();
        }
    }

    @Test
    void whatWasKeptLongerThanTheRetentionIsErasedInBatchesAndTheRestStays() {
        Kept log = new Kept(12_000, Duration.ofDays(401));
        log.times.addAll(new Kept(3, Duration.ofDays(399)).times);
        Kept buyers = new Kept(1, Duration.ofDays(500));
        PersonalDataRetention retention = new PersonalDataRetention(Map.of("mailLog", log, "boxOfficeBuyers", buyers),
                Duration.ofDays(400), CLOCK, metrics);

        assertThat(retention.sweep()).isEqualTo(12_001);
        assertThat(log.cutoff).isEqualTo(NOW.minus(Duration.ofDays(400)).atOffset(ZoneOffset.UTC));
        assertThat(log.rounds).as("a statement per batch, until one erases less than a batch").containsExactly(5_000, 5_000, 2_000);
        assertThat(log.times).as("kept less than the retention").hasSize(3);
        assertThat(buyers.times).isEmpty();
        assertThat(metrics.counter(PersonalDataRetention.ERASED, "kind", "mailLog").count()).isEqualTo(12_000);
        assertThat(metrics.counter(PersonalDataRetention.ERASED, "kind", "boxOfficeBuyers").count()).isEqualTo(1);

        assertThat(retention.sweep()).as("nothing more").isZero();
    }

    @Test
    void aBatchErasedWholeIsFollowedByAnother() {
        Kept log = new Kept(PersonalDataRetention.BATCH, Duration.ofDays(401));
        new PersonalDataRetention(Map.of("mailLog", log), Duration.ofDays(400), CLOCK, metrics).sweep();
        assertThat(log.rounds).containsExactly(PersonalDataRetention.BATCH, 0);
    }

    @Test
    void aRetentionMustBePositive() {
        assertThatThrownBy(() -> new PersonalDataRetention(Map.of(), Duration.ZERO, CLOCK, metrics))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticketmesh.privacy.retention");
        assertThatThrownBy(() -> new PersonalDataRetention(Map.of(), Duration.ofDays(-1), CLOCK, metrics))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
