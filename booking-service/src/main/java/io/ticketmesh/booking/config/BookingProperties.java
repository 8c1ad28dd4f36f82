package io.ticketmesh.booking.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * booking-service settings.
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
                                Duration lease, Duration recoveryInterval, Duration retryAtMost) {}
