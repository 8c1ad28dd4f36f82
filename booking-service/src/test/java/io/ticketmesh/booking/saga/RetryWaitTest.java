package io.ticketmesh.booking.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a step a participant could not answer waits before it is tried again. */
class RetryWaitTest {
    private static final Duration DEFAULT_AT_MOST = Duration.ofSeconds(30);

    @Test
    void theWaitDoublesFromHalfASecondUpToItsBound() {
        assertThat(SagaRunner.waitAfter(1, DEFAULT_AT_MOST)).isEqualTo(Duration.ofMillis(500));
        assertThat(SagaRunner.waitAfter(2, DEFAULT_AT_MOST)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SagaRunner.waitAfter(6, DEFAULT_AT_MOST)).isEqualTo(Duration.ofSeconds(16));
        assertThat(SagaRunner.waitAfter(7, DEFAULT_AT_MOST)).isEqualTo(DEFAULT_AT_MOST);
    }

    @Test
    void aStepTriedForHoursStillWaitsOnlyItsBound() {
        assertThat(SagaRunner.waitAfter(1_000, DEFAULT_AT_MOST)).isEqualTo(DEFAULT_AT_MOST);
        assertThat(SagaRunner.waitAfter(Integer.MAX_VALUE, Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aShorterBoundStopsTheDoublingSooner() {
        Duration second = Duration.ofSeconds(1);
        assertThat(SagaRunner.waitAfter(1, second)).isEqualTo(Duration.ofMillis(500));
        assertThat(SagaRunner.waitAfter(3, second)).isEqualTo(second);
    }
}
