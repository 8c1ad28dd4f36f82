package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.domain.Pricing;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingItemsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What cancelling seats of a kept booking refunds ({@link Pricing#refund}, of what was paid less what earlier
 * cancellations refunded or withheld) and what the refund policy's share keeps of it: worked out the same way for a
 * cancellation ({@link Cancellations}, under the booking's lock) and for its quote ({@link CancellationQuotes}).
 */
@Component
class SeatRefunds {
    private static final Set<String> KEPT = Set.of("CONFIRMED", "PARTIALLY_CANCELLED");
    private final BookingRepository bookings;

    SeatRefunds(BookingRepository bookings) {
        this.bookings = bookings;
    }

    /** The seats cancelled, what they refund at {@code percent}, what that share withholds. */
    record Refund(List<BookingItemsRecord> seats, long refund, long withheld, int percent) {
        List<String> seatIds() {
            return seats.stream().map(seat -> seat.getSeatId().toString()).toList();
        }
    }

    /** BOOKING_NOT_CANCELLABLE saying a booking not kept (CONFIRMED, PARTIALLY_CANCELLED) cannot be {@code done}. */
    static void requireKept(BookingsRecord booking, String done) {
        if (!KEPT.contains(booking.getStatus())) {
            throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_BOOKING_NOT_CANCELLABLE,
                    "a " + booking.getStatus().toLowerCase() + " booking cannot be " + done);
        }
    }

    /** Cancelling {@code seatIds} (all its standing seats when empty); INVALID_ARGUMENT naming seat_ids for one not standing. */
    Refund of(BookingsRecord booking, List<String> seatIds, int percent) {
        List<BookingItemsRecord> standing = bookings.items(booking.getId()).stream().filter(i -> !i.getCancelled()).toList();
        Set<String> standingSeats = standing.stream().map(i -> i.getSeatId().toString()).collect(Collectors.toSet());
        if (!standingSeats.containsAll(seatIds)) {
            throw DomainException.invalid("seat_ids", "names seats that are not (or no longer) in this booking");
        }
        List<BookingItemsRecord> cancelled = seatIds.isEmpty() ? standing
                : standing.stream().filter(i -> seatIds.contains(i.getSeatId().toString())).toList();
        long cancelledNet = cancelled.stream().mapToLong(item -> item.getPriceMinor() - item.getDiscountMinor()).sum();
        var totals = new Pricing.Totals(booking.getSubtotalMinor(), booking.getDiscountMinor(), booking.getFeesMinor(), booking.getTaxesMinor());
        long owed = Pricing.refund(totals, cancelledNet, cancelled.size() == standing.size(), settled(booking));
        long refund = Pricing.share(owed, percent);
        return new Refund(cancelled, refund, owed - refund, percent);
    }

    /** What earlier cancellations of the booking refunded or withheld: none of it is to be refunded again. */
    static long settled(BookingsRecord booking) {
        return booking.getRefundedMinor() + booking.getWithheldMinor();
    }
}
