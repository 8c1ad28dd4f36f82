package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.CustomerRefundStep;
import io.ticketmesh.proto.event.v1.Showtime;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The organizer's refund policy for customers: a customer may cancel their own booking for a refund until the
 * showtime's {@code customer_refunds_end}, or its start when it has none, and is refunded the percent of the last of
 * its {@code customer_refund_steps} reached by then (all of it before the first), as event-service has the showtime at
 * the moment they ask; a booking whose showtime the organizer moved after it was made, in full until the new start
 * whatever the policy (its customer bought another date). The organizer may cancel at any time, refunding in full.
 */
@Component
class CustomerRefunds {
    static final int FULL = 100;
    private final CatalogClient catalog;
    private final ShowtimeMoves moves;
    private final Clock clock = Clock.systemUTC();

    CustomerRefunds(CatalogClient catalog, ShowtimeMoves moves) {
        this.catalog = catalog;
        this.moves = moves;
    }

    /**
     * The percent of its refund the booking's customer gets if they cancel now; FAILED_PRECONDITION
     * (BOOKING_NOT_CANCELLABLE, with the end in metadata) once customers may no longer cancel.
     */
    int percentNow(BookingsRecord booking) {
        Showtime showtime = catalog.showtime(booking.getShowtimeId().toString());
        boolean policy = !moves.movedSince(booking);
        var end = policy && showtime.hasCustomerRefundsEnd() ? showtime.getCustomerRefundsEnd() : showtime.getStartsAt();
        Instant ends = instant(end);
        Instant now = clock.instant();
        if (!now.isBefore(ends)) {
            throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_BOOKING_NOT_CANCELLABLE,
                    (policy && showtime.hasCustomerRefundsEnd() ? "the organizer's refunds for customers ended at " : "the show started at ")
                            + ends + "; only the organizer can cancel this booking now").with("customer_refunds_end", ends.toString());
        }
        return policy ? percentAt(showtime, now) : FULL;
    }

    /** The percent of the step reached at {@code now} nearest the show, all of it before any is reached. */
    static int percentAt(Showtime showtime, Instant now) {
        Instant startsAt = instant(showtime.getStartsAt());
        long nearest = Long.MAX_VALUE;
        int percent = FULL;
        for (CustomerRefundStep step : showtime.getCustomerRefundStepsList()) {
            long before = step.getBeforeStart().getSeconds();
            if (before < nearest && !now.isBefore(startsAt.minusSeconds(before))) {
                nearest = before;
                percent = step.getPercent();
            }
        }
        return percent;
    }

    private static Instant instant(com.google.protobuf.Timestamp time) {
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }
}
