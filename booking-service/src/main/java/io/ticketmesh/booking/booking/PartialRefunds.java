package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.CancellationsRecord;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.booking.v1.RefundBookingRequest;
import io.ticketmesh.proto.booking.v1.RefundBookingResponse;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RefundBooking: the organizer gives back part of what was paid for a kept booking without cancelling a seat (a late
 * start, a view worse than sold). Carried out as a cancellation of no seats ({@link Cancellations}): written first,
 * then refunded, once per request id; at the box office the staff member hands it back as they refund.
 */
@Service
public class PartialRefunds {
    private final BookingReader reader;
    private final BookingRepository bookings;
    private final Cancellations cancellations;
    private final TransactionTemplate transaction;

    public PartialRefunds(BookingReader reader, BookingRepository bookings, Cancellations cancellations, TransactionTemplate transaction) {
        this.reader = reader;
        this.bookings = bookings;
        this.cancellations = cancellations;
        this.transaction = transaction;
    }

    public RefundBookingResponse refund(RefundBookingRequest request) {
        Caller caller = CallerContext.authenticated();
        BookingsRecord booking = reader.readable(request.getBookingId(), caller);
        if (BookingReader.actsAsCustomer(booking, caller)) {
            throw DomainException.permissionDenied("the organizer refunds part of a booking; its customer cancels seats");
        }
        if (!request.getAmount().getCurrency().equals(booking.getCurrency())) {
            throw DomainException.invalid("amount.currency", "must be the booking's, " + booking.getCurrency());
        }
        if (request.getAmount().getAmountMinor() <= 0) {
            throw DomainException.invalid("amount.amount_minor", "must be more than nothing");
        }
        CancellationsRecord refund = transaction.execute(status -> bookings.cancellation(booking.getId(), request.getRequestId())
                .orElseGet(() -> cancellations.openGoodwill(booking.getId(), request.getRequestId(), request.getAmount().getAmountMinor(),
                        request.getReason(), caller.isService() ? null : caller.userId())));
        cancellations.carryOut(refund);
        BookingsRecord now = bookings.find(booking.getId()).orElseThrow();
        return RefundBookingResponse.newBuilder().setBooking(reader.view(now, true))
                .setRefunded(BookingProtos.money(refund.getRefundMinor(), now.getCurrency())).build();
    }
}
