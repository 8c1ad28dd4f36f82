package io.ticketmesh.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboxFloorTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final OutboxFloor floor = new OutboxFloor(Duration.ofSeconds(2), Duration.ofSeconds(10), now::get);

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void claimsStartAtTheHeadUntilARoundHasSettled() {
        assertThat(floor.nextClaim()).isEqualTo(OutboxFloor.HEAD);
        floor.published(40);
        advance(Duration.ofMillis(1_999));
        assertThat(floor.nextClaim()).as("a straggler below 40 may still commit").isEqualTo(OutboxFloor.HEAD);
        advance(Duration.ofMillis(1));
        assertThat(floor.nextClaim()).isEqualTo(41);
        assertThat(floor.settled()).isEqualTo(41);
    }

    @Test
    void theFloorTrailsThePublishedIdsBySettleAndNeverGoesBack() {
        floor.published(10);
        advance(Duration.ofSeconds(1));
        floor.published(20);
        floor.published(15);
        advance(Duration.ofSeconds(1));
        assertThat(floor.nextClaim()).isEqualTo(11);
        advance(Duration.ofSeconds(1));
        assertThat(floor.nextClaim()).isEqualTo(21);
        floor.published(5);
        advance(Duration.ofSeconds(3));
        assertThat(floor.nextClaim()).as("a rescan's lower ids do not move the floor back").isEqualTo(21);
    }

    @Test
    void everyRescanIntervalOneClaimStartsAtTheHeadAgain() {
        floor.published(100);
        advance(Duration.ofSeconds(9));
        assertThat(floor.nextClaim()).isEqualTo(101);
        advance(Duration.ofSeconds(1));
        assertThat(floor.nextClaim()).as("the rescan that finds slow transactions' stragglers").isEqualTo(OutboxFloor.HEAD);
        assertThat(floor.nextClaim()).isEqualTo(101);
        assertThat(floor.settled()).as("counting what waits never triggers the rescan").isEqualTo(101);
    }
}
