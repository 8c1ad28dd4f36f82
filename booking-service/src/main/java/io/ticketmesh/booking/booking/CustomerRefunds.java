package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.Showtime;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The organizer's refund policy for customers: a customer may cancel their own booking for a refund until the
 * showtime's {@code customer_refunds_end}, or its start when it has none, as event-service has the showtime at the
 * moment they ask; a booking whose showtime the organizer moved after it was made, until the new start whatever the
 * policy (its customer bought another date). The organizer may cancel at any time.
 */
@Component
class CustomerRefunds {
    private final CatalogClient catalog;
    private final ShowtimeMoves moves;
    private final Clock clock = Clock.systemUTC();

    CustomerRefunds(CatalogClient catalog, ShowtimeMoves moves) {
        this.catalog = catalog;
        this.moves = moves;
    }

    /** FAILED_PRECONDITION (BOOKING_NOT_CANCELLABLE, with the end in metadata) once customers may no longer cancel. */
    void requireOpen(BookingsRecord booking) {
        Showtime showtime = catalog.showtime(booking.getShowtimeId().toString());
        boolean policy = showtime.hasCustomerRefundsEnd() && !moves.movedSince(booking);
        var end = policy ? showtime.getCustomerRefundsEnd() : showtime.getStartsAt();
        Instant ends = Instant.ofEpochSecond(end.getSeconds(), end.getNanos());
        if (!clock.instant().isBefore(ends)) {
            throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_BOOKING_NOT_CANCELLABLE,
                    (policy ? "the organizer's refunds for customers ended at " : "the show started at ") + ends
                            + "; only the organizer can cancel this booking now").with("customer_refunds_end", ends.toString());
        }
    }
}
