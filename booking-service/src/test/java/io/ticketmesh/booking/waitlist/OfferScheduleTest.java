package io.ticketmesh.booking.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.booking.persistence.jooq.tables.records.WaitlistEntriesRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OfferScheduleTest {
    private static final Instant T0 = Instant.parse("2026-12-04T20:00:00Z");
    private final OfferSchedule schedule = new OfferSchedule(Duration.ofSeconds(30));
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void aListIsTriedWhenFirstSeenThenOnlyWhenWokenOrAfterTheRetryInterval() {
        assertThat(schedule.due(List.of(a, b), T0, 100)).containsExactly(a, b);
        assertThat(schedule.due(List.of(a, b), T0.plusSeconds(1), 100)).as("nothing freed").isEmpty();

        schedule.wake(b);
        assertThat(schedule.due(List.of(a, b), T0.plusSeconds(2), 100)).containsExactly(b);
        assertThat(schedule.due(List.of(a, b), T0.plusSeconds(3), 100)).as("one wake-up, one try").isEmpty();

        assertThat(schedule.due(List.of(a, b), T0.plusSeconds(30), 100)).as("a untried for 30 s").containsExactly(a);
        assertThat(schedule.due(List.of(a, b), T0.plusSeconds(32), 100)).containsExactly(b);
    }

    @Test
    void whereATryGotToIsKeptUntilTheListStartsOverOrNoOneWaits() {
        WaitlistEntriesRecord tenth = new WaitlistEntriesRecord();
        tenth.setId(UUID.randomUUID());
        schedule.due(List.of(a, b), T0, 100);
        schedule.passed(a, tenth);
        assertThat(schedule.passedUpTo(a)).isSameAs(tenth);
        assertThat(schedule.passedUpTo(b)).isNull();
        schedule.passed(a, null);
        assertThat(schedule.passedUpTo(a)).as("from the oldest again").isNull();

        schedule.passed(a, tenth);
        schedule.due(List.of(b), T0.plusSeconds(1), 100);
        schedule.due(List.of(a, b), T0.plusSeconds(2), 100);
        assertThat(schedule.passedUpTo(a)).as("forgotten while no one waited").isNull();
    }

    @Test
    void wokenListsGoFirstAndTheLongestUntriedNextSoNoListWaitsForEver() {
        schedule.due(List.of(a, b, c), T0, 100);
        schedule.due(List.of(a, b, c), T0.plusSeconds(10), 100);
        schedule.wake(c);
        assertThat(schedule.due(List.of(a, b, c), T0.plusSeconds(31), 2)).as("c woken, then the oldest try").containsExactly(c, a);
        assertThat(schedule.due(List.of(a, b, c), T0.plusSeconds(32), 2)).containsExactly(b);

        schedule.wake(a);
        schedule.wake(b);
        schedule.wake(c);
        assertThat(schedule.due(List.of(a, b, c), T0.plusSeconds(33), 2)).containsExactly(a, b);
        assertThat(schedule.due(List.of(a, b, c), T0.plusSeconds(34), 2)).as("a wake-up beyond the limit waits a sweep").containsExactly(c);
    }

    @Test
    void onlyShowtimesWithSomeoneWaitingAreWatchedAndAListThatEndedIsForgotten() {
        assertThat(schedule.watches(a.toString())).isFalse();
        schedule.due(List.of(a), T0, 100);
        assertThat(schedule.watches(a.toString())).isTrue();
        assertThat(schedule.watches(b.toString())).isFalse();

        schedule.wake(a);
        schedule.due(List.of(), T0.plusSeconds(1), 100);
        assertThat(schedule.watches(a.toString())).isFalse();
        assertThat(schedule.due(List.of(a), T0.plusSeconds(2), 100)).as("someone waits again: a new list, tried at once").containsExactly(a);
    }
}
