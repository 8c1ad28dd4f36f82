package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.TicketClient;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.proto.booking.v1.QuoteCancellationRequest;
import io.ticketmesh.proto.booking.v1.QuoteCancellationResponse;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * QuoteCancellation: what a cancellation by the caller would refund now, worked out as {@link Cancellations} would
 * (its customer held to the refund policy, {@link CustomerRefunds}; the organization in full), cancelling nothing. A
 * customer's quote is refused, as their cancellation would be, when a seat's ticket was given away or used at the door
 * (ticket-service checks the void without carrying it out; while it cannot say, the quote is answered unchecked).
 */
@Service
public class CancellationQuotes {
    private final BookingReader reader;
    private final CustomerRefunds refunds;
    private final SeatRefunds seatRefunds;
    private final TicketClient tickets;

    CancellationQuotes(BookingReader reader, CustomerRefunds refunds, SeatRefunds seatRefunds, TicketClient tickets) {
        this.reader = reader;
        this.refunds = refunds;
        this.seatRefunds = seatRefunds;
        this.tickets = tickets;
    }

    public QuoteCancellationResponse quote(QuoteCancellationRequest request) {
        Caller caller = CallerContext.authenticated();
        BookingsRecord booking = reader.readable(request.getBookingId(), caller);
        SeatRefunds.requireKept(booking, "cancelled");
        boolean byCustomer = BookingReader.actsAsCustomer(booking, caller);
        Optional<CustomerRefunds.Share> share = byCustomer ? Optional.of(refunds.now(booking)) : Optional.empty();
        SeatRefunds.Refund refund = seatRefunds.of(booking, request.getSeatIdsList(),
                share.map(CustomerRefunds.Share::percent).orElse(CustomerRefunds.FULL));
        if (byCustomer) {
            tickets.refuseIfNotTheCustomers(booking.getId(), booking.getUserId(), refund.seatIds());
        }
        QuoteCancellationResponse.Builder quote = QuoteCancellationResponse.newBuilder()
                .setRefund(BookingProtos.money(refund.refund(), booking.getCurrency()))
                .setWithheld(BookingProtos.money(refund.withheld(), booking.getCurrency())).setRefundPercent(refund.percent());
        share.ifPresent(customer -> quote.setUntil(BookingProtos.timestamp(customer.until())));
        return quote.build();
    }
}
