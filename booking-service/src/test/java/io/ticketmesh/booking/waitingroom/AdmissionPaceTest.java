package io.ticketmesh.booking.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdmissionPaceTest {
    private static final Instant OPENING = Instant.parse("2026-12-04T19:00:00Z");

    @Test
    void admitsNoOneBeforeTheOpeningAndThenAtItsRate() {
        AdmissionPace pace = new AdmissionPace(0, 120, OPENING);
        assertThat(pace.admittedBy(OPENING.minusSeconds(30))).isZero();
        assertThat(pace.admittedBy(OPENING)).isZero();
        assertThat(pace.admittedBy(OPENING.plusMillis(499))).isZero();
        assertThat(pace.admittedBy(OPENING.plusMillis(500))).isEqualTo(1);
        assertThat(pace.admittedBy(OPENING.plus(Duration.ofMinutes(3)))).isEqualTo(360);
    }

    @Test
    void aRateChangeKeepsTheAdmissionsMadeAndGoesOnFromThen() {
        AdmissionPace first = new AdmissionPace(0, 60, OPENING);
        Instant change = OPENING.plusSeconds(90);
        AdmissionPace faster = first.changed(600, change, OPENING);
        assertThat(faster.admittedBy(change)).isEqualTo(90);
        assertThat(faster.admittedBy(change.plusSeconds(6))).isEqualTo(150);
        AdmissionPace paused = faster.changed(0, change.plusSeconds(6), OPENING);
        assertThat(paused.admittedBy(change.plus(Duration.ofHours(1)))).isEqualTo(150);
    }

    @Test
    void aChangeBeforeTheOpeningStartsCountingAtTheOpening() {
        AdmissionPace moved = new AdmissionPace(0, 60, OPENING).changed(30, OPENING.minusSeconds(600), OPENING.plusSeconds(60));
        assertThat(moved.since()).isEqualTo(OPENING.plusSeconds(60));
        assertThat(moved.admittedBy(OPENING.plusSeconds(60 + 120))).isEqualTo(60);
    }

    @Test
    void estimatesTheWaitFromTheOpeningAndTheRate() {
        AdmissionPace pace = new AdmissionPace(0, 120, OPENING);
        assertThat(pace.waitFor(10, OPENING.minusSeconds(30))).isEqualTo(Duration.ofSeconds(35));
        assertThat(pace.waitFor(10, OPENING.plusSeconds(30))).isEqualTo(Duration.ofSeconds(5));
        assertThat(new AdmissionPace(0, 0, OPENING).waitFor(10, OPENING)).isNull();
    }
}
