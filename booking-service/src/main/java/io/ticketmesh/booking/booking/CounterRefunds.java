package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.persistence.BoxOfficeTillRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.booking.v1.HandBackRefundRequest;
import io.ticketmesh.proto.booking.v1.HandBackRefundResponse;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HandBackRefund: a box office buyer collects at the counter the refunds owed to them, those no staff member handed
 * back as they cancelled (the organizer cancelled the showtime, and a sweep refunded every booking of it). The staff
 * member who hands them back has them in their till from that moment; two at once hand them back once.
 */
@Service
public class CounterRefunds {
    private final BookingReader reader;
    private final BoxOfficeTillRepository tills;
    private final IdempotentRequests idempotent;
    private final TransactionTemplate transaction;

    public CounterRefunds(BookingReader reader, BoxOfficeTillRepository tills, IdempotentRequests idempotent, TransactionTemplate transaction) {
        this.reader = reader;
        this.tills = tills;
        this.idempotent = idempotent;
        this.transaction = transaction;
    }

    public HandBackRefundResponse handBack(HandBackRefundRequest request) {
        Caller caller = CallerContext.authenticated();
        BookingsRecord booking = reader.readable(request.getBookingId(), caller);
        if (booking.getBoxOfficePayment() == null) {
            throw DomainException.invalid("booking_id", "was sold online: its refunds go back to the card it was paid with");
        }
        if (!BookingReader.actsForOrganization(booking, caller)) {
            throw DomainException.permissionDenied("refunds are handed back at the counter by the organization's staff");
        }
        return transaction.execute(status -> idempotent.once(request.getRequestId(), request, HandBackRefundResponse.parser(), () -> {
            long handedBack = tills.handBack(booking.getId(), caller.userId(), StoredTime.now());
            if (handedBack == 0) {
                throw DomainException.invalidState("nothing is owed at the counter for booking " + booking.getReference());
            }
            return HandBackRefundResponse.newBuilder().setBooking(reader.view(booking, false))
                    .setHandedBack(BookingProtos.money(handedBack, booking.getCurrency())).build();
        }));
    }
}
