package io.ticketmesh.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.outbox.OutboxFloor.Round;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboxFloorTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final OutboxFloor floor = new OutboxFloor(Duration.ofSeconds(1), Duration.ofSeconds(10), now::get);

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aRoundSettlesOnceALaterRoundSawEveryTransactionOfItsSnapshotEndAndTheSettleTimePassed() {
        assertThat(floor.nextClaim()).isEqualTo(OutboxFloor.HEAD);
        floor.published(new Round(40, false, 100, 105));
        advance(Duration.ofSeconds(2));
        floor.published(new Round(50, false, 104, 110));
        assertThat(floor.nextClaim()).as("transaction 104 may hold a row below 40").isEqualTo(OutboxFloor.HEAD);
        floor.published(new Round(60, false, 105, 112));
        assertThat(floor.nextClaim()).isEqualTo(41);
        assertThat(floor.floor()).isEqualTo(41);
    }

    @Test
    void aRoundSettlesNoSoonerThanTheSettleTime() {
        floor.published(new Round(40, false, 100, 105));
        advance(Duration.ofMillis(999));
        floor.published(new Round(50, false, 200, 210));
        assertThat(floor.nextClaim()).as("an id is drawn a moment before its transaction has an xid").isEqualTo(OutboxFloor.HEAD);
        advance(Duration.ofMillis(1));
        floor.published(new Round(60, false, 200, 210));
        assertThat(floor.nextClaim()).isEqualTo(41);
    }

    @Test
    void aFullRoundKeepsTheFloorAtItsOwnHighestIdSinceRowsAboveItWereNotSeen() {
        floor.published(new Round(40, false, 100, 105));
        advance(Duration.ofSeconds(1));
        floor.published(new Round(30, true, 105, 106));
        assertThat(floor.nextClaim()).isEqualTo(31);
        floor.published(new Round(35, false, 106, 107));
        assertThat(floor.nextClaim()).as("a rescan's or a full round's lower ids do not move the floor back").isEqualTo(31);
    }

    @Test
    void everyRescanIntervalOneClaimStartsAtTheHeadAgain() {
        floor.published(new Round(100, false, 1, 2));
        advance(Duration.ofSeconds(1));
        floor.published(new Round(110, false, 2, 3));
        advance(Duration.ofSeconds(8));
        assertThat(floor.nextClaim()).isEqualTo(101);
        advance(Duration.ofSeconds(1));
        assertThat(floor.nextClaim()).as("the rescan that finds a row that slipped below").isEqualTo(OutboxFloor.HEAD);
        assertThat(floor.nextClaim()).isEqualTo(101);
        assertThat(floor.floor()).as("counting what waits never triggers the rescan").isEqualTo(101);
    }
}
