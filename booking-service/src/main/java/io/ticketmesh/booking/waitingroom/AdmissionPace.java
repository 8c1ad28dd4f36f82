package io.ticketmesh.booking.waitingroom;

import java.time.Duration;
import java.time.Instant;

/**
 * How many places of a room are admitted by a given moment: {@code admittedBefore} plus {@code perMinute} for every
 * minute since {@code since}. A place is admitted once its rank is within that count, so admission needs no
 * scheduler and every process agrees; a rate change keeps the count reached and goes on at the new rate from then.
 */
record AdmissionPace(long admittedBefore, int perMinute, Instant since) {
    long admittedBy(Instant now) {
        if (!now.isAfter(since)) {
            return admittedBefore;
        }
        // at most 100,000 a minute (the request's bound) for centuries stays far inside a long
        return admittedBefore + Duration.between(since, now).toMillis() * perMinute / 60_000;
    }

    /** The pace at {@code perMinute} from {@code now} on (or from the opening, when that is later), keeping the count reached. */
    AdmissionPace changed(int newPerMinute, Instant now, Instant opensAt) {
        return new AdmissionPace(admittedBy(now), newPerMinute, now.isAfter(opensAt) ? now : opensAt);
    }

    /** Roughly how long the place {@code waiting} places behind the last admitted one waits; null when the room admits no one. */
    Duration waitFor(long waiting, Instant now) {
        if (perMinute == 0) {
            return null;
        }
        Duration untilStart = now.isBefore(since) ? Duration.between(now, since) : Duration.ZERO;
        return untilStart.plusMillis(Math.max(0, waiting) * 60_000 / perMinute);
    }
}
