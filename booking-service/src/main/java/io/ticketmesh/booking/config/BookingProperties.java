package io.ticketmesh.booking.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * booking-service settings. A setting out of range stops the service at startup with the setting's name, rather than
 * a retry that never waits, a lease that has lapsed as it is taken, or a negative fee.
 *
 * @param feePerSeatMinor the booking fee per seat, in minor units of the showtime's currency
 * @param taxRateBasisPoints tax on subtotal and fees, in hundredths of a percent (1000 = 10%)
 * @param latePaymentGrace how long after its hold expires a booking still waits for a 3-D Secure challenge; a
 *                         challenge completed in that window re-acquires the same seats if they are still free
 * @param answerWithin how long CreateBooking waits for its saga before answering PENDING
 * @param lease how long a saga stays with the process running it; a process that dies loses it after this. A step
 *              starts with at least 20 s of it left (the longest a step takes), renewing it when less is left
 * @param recoveryInterval how often sagas in flight without a live runner are looked for
 * @param retryAtMost the longest wait before a step a participant could not answer is tried again; the waits double
 *                    from half a second up to this
 */
@ConfigurationProperties("ticketmesh.bookings")
public record BookingProperties(long feePerSeatMinor, int taxRateBasisPoints, Duration latePaymentGrace, Duration answerWithin,
                                Duration lease, Duration recoveryInterval, Duration retryAtMost) {
    /** Refuses, at startup, a setting that would charge less than nothing or make the sagas spin or stall. */
    public BookingProperties {
        requireNotNegative("fee-per-seat-minor", feePerSeatMinor);
        requireNotNegative("tax-rate-basis-points", taxRateBasisPoints);
        requireAtLeast("late-payment-grace", latePaymentGrace, Duration.ZERO);
        requireAtLeast("answer-within", answerWithin, Duration.ofMillis(1));
        requireAtLeast("lease", lease, Duration.ofMillis(1));
        requireAtLeast("recovery-interval", recoveryInterval, Duration.ofMillis(1));
        requireAtLeast("retry-at-most", retryAtMost, Duration.ofMillis(1));
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("ticketmesh.bookings." + name + " must not be negative, not " + value);
        }
    }

    private static void requireAtLeast(String name, Duration value, Duration least) {
        if (value == null || value.compareTo(least) < 0) {
            throw new IllegalArgumentException("ticketmesh.bookings." + name + " must be at least " + least + ", not " + value);
        }
    }
}
