package io.ticketmesh.booking;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingRefunded;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.RefundBookingRequest;
import io.ticketmesh.proto.booking.v1.RefundBookingResponse;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The organizer refunds part of a booking without cancelling a seat: the card gets that much back, the seats and
 * tickets stay, the books agree, and it is announced; a retry refunds nothing more, never more than is left, and a
 * later cancellation refunds only the rest. Not the customer's to ask.
 */
class PartialRefundTest extends BookingTestBase {
    @Autowired
    DataSource bookingDatabase;

    @Test
    void theOrganizerRefundsPartOfABookingWhoseSeatsAndTicketsStay() throws Exception {
        String showtime = showtime(2, 10);
        String customer = customer();
        Booking booking = booked(customer, showtime, 2);
        long total = booking.getTotals().getTotal().getAmountMinor();
        String currency = booking.getTotals().getTotal().getCurrency();
        RefundBookingRequest request = refund(booking, 1000, currency).setReason("the show started an hour late").build();

        assertThat(failure(() -> bookings(customer).refundBooking(request)).code()).as("the customer's own")
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        RefundBookingResponse refunded = bookings(OWNER).refundBooking(request);
        assertThat(refunded.getRefunded().getAmountMinor()).isEqualTo(1000);
        assertThat(refunded.getBooking().getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(refunded.getBooking().getTotals().getRefunded().getAmountMinor()).isEqualTo(1000);
        assertThat(refunded.getBooking().getTicketsList()).extracting(Ticket::getStatus).containsOnly(TicketStatus.TICKET_STATUS_VALID)
                .hasSize(2);
        assertThat(bookings(OWNER).refundBooking(request).getBooking().getTotals().getRefunded().getAmountMinor()).as("a retry")
                .isEqualTo(1000);
        assertReconciled(showtime);

        assertThat(failure(() -> bookings(OWNER).refundBooking(refund(booking, total, currency).build())).violations())
                .as("more than is left").extracting(FieldViolation::field).containsExactly("amount");
        assertThat(failure(() -> bookings(OWNER).refundBooking(refund(booking, 100, "JPY").build())).violations())
                .extracting(FieldViolation::field).containsExactly("amount.currency");
        List<ReceivedEvent> events = KafkaTestEvents.read("ticketmesh.bookings", booking.getBookingId(), 3);
        assertThat(events.stream().filter(e -> e.is(BookingRefunded.getDescriptor())).map(e -> e.payload(BookingRefunded.parser())))
                .singleElement().satisfies(event -> {
                    assertThat(event.getRefunded().getAmountMinor()).isEqualTo(1000);
                    assertThat(event.getReason()).isEqualTo("the show started an hour late");
                    assertThat(event.getBooking().getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
                });

        long cancelledRefund = bookings(OWNER).cancelBooking(CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.getBookingId()).build()).getRefunded().getAmountMinor();
        assertThat(cancelledRefund).as("the rest of what was paid").isEqualTo(total - 1000);
        assertReconciled(showtime);
        assertThat(failure(() -> bookings(OWNER).refundBooking(refund(booking, 1, currency).build())).reason()).as("cancelled")
                .isEqualTo(ErrorReason.ERROR_REASON_BOOKING_NOT_CANCELLABLE);
    }

    @Test
    void aSeatCancelledAfterALargeRefundGivesBackNoMoreThanIsLeft() throws Exception {
        String showtime = showtime(2, 10);
        String customer = customer();
        Booking booking = booked(customer, showtime, 2);
        long total = booking.getTotals().getTotal().getAmountMinor();
        bookings(OWNER).refundBooking(refund(booking, total - 100, booking.getTotals().getTotal().getCurrency()).build());
        Booking partly = bookings(OWNER).cancelBooking(CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.getBookingId()).addSeatIds(booking.getItems(0).getSeatId()).build()).getBooking();
        assertThat(partly.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_PARTIALLY_CANCELLED);
        assertThat(partly.getTotals().getRefunded().getAmountMinor()).as("what was paid, no more").isEqualTo(total);
        assertReconciled(showtime);
    }

    private static RefundBookingRequest.Builder refund(Booking booking, long minor, String currency) {
        return RefundBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setBookingId(booking.getBookingId())
                .setAmount(Money.newBuilder().setAmountMinor(minor).setCurrency(currency));
    }

    private void assertReconciled(String showtime) throws Exception {
        assertThat(books(bookingDatabase, showtime).problems()).isEmpty();
    }
}
