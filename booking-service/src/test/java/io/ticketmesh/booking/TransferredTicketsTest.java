package io.ticketmesh.booking;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.proto.booking.v1.QuoteCancellationRequest;
import io.ticketmesh.proto.booking.v1.ResendTicketsRequest;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.ListTicketsRequest;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketServiceGrpc;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A booking whose customer gave a ticket away: its view and resends hold the customer's tickets only, the customer
 * cannot cancel (and be refunded for) the seat given away, the organizer can and voids the recipient's ticket.
 */
class TransferredTicketsTest extends BookingTestBase {
    @Autowired
    DSLContext bookingDatabase;

    private static TicketServiceGrpc.TicketServiceBlockingStub tickets(String token) {
        return GrpcTestCalls.as(TicketServiceGrpc.newBlockingStub(PARTICIPANTS.ticket.channel()), token);
    }

    private static CancelBookingRequest.Builder cancel(Booking booking) {
        return CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setBookingId(booking.getBookingId());
    }

    private static TransferTicketRequest.Builder transfer(Ticket ticket, String recipientId) {
        return TransferTicketRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setTicketId(ticket.getTicketId())
                .setRecipientUserId(recipientId).setRecipientName("Grace Hopper").setRecipientEmail("grace@example.test");
    }

    @Test
    void aTicketGivenAwayStaysWithItsRecipientUntilTheOrganizerCancels() {
        String customer = customer();
        Booking booking = awaitBooking(customer, bookings(customer).createBooking(create(hold(customer, showtime(1, 3), 3), APPROVED))
                .getBooking().getBookingId(), BookingFixtures::settled);
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        Ticket given = booking.getTickets(0);
        String recipientId = UUID.randomUUID().toString();
        String recipient = TOKENS.member(recipientId, Map.of());
        tickets(customer).transferTicket(transfer(given, recipientId).build());

        Booking seen = bookings(customer).getBooking(GetBookingRequest.newBuilder().setBookingId(booking.getBookingId()).build()).getBooking();
        assertThat(seen.getTicketsList()).as("the customer's tickets, the one given away as such, without the recipient's")
                .extracting(Ticket::getTicketId).containsExactlyInAnyOrderElementsOf(booking.getTicketsList().stream().map(Ticket::getTicketId).toList());
        assertThat(seen.getTicketsList()).filteredOn(t -> t.getTicketId().equals(given.getTicketId())).singleElement()
                .extracting(Ticket::getStatus).isEqualTo(TicketStatus.TICKET_STATUS_TRANSFERRED);

        QuoteCancellationRequest quoteGiven = QuoteCancellationRequest.newBuilder().setBookingId(booking.getBookingId())
                .addSeatIds(given.getSeatId()).build();
        RemoteError quoteRefused = failure(() -> bookings(customer).quoteCancellation(quoteGiven));
        assertThat(quoteRefused.reason()).as("the quote refuses as the cancellation would").isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(quoteRefused.metadata()).containsEntry("seat_ids", given.getSeatId());
        assertThat(failure(() -> bookings(customer).quoteCancellation(quoteGiven.toBuilder().clearSeatIds().build())).metadata())
                .as("a quote of the whole booking").containsEntry("seat_ids", given.getSeatId());
        assertThat(bookings(customer).quoteCancellation(quoteGiven.toBuilder().setSeatIds(0, booking.getTickets(1).getSeatId()).build())
                .getRefundPercent()).as("a seat still theirs").isEqualTo(100);
        assertThat(bookings(OWNER).quoteCancellation(quoteGiven).getRefundPercent()).as("the organizer refunds the seat given away")
                .isEqualTo(100);

        CancelBookingRequest ofGiven = cancel(booking).addSeatIds(given.getSeatId()).build();
        RemoteError refused = failure(() -> bookings(customer).cancelBooking(ofGiven));
        assertThat(refused.reason()).as("the seat given away").isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(refused.metadata()).containsEntry("seat_ids", given.getSeatId());
        assertThat(failure(() -> bookings(customer).cancelBooking(ofGiven)).message()).as("its retry")
                .contains(given.getSeatId()).contains("given to someone else");
        assertThat(failure(() -> bookings(customer).cancelBooking(cancel(booking).build())).metadata())
                .as("the whole booking, which holds it").containsEntry("seat_ids", given.getSeatId());
        assertThat(bookingDatabase.fetchValue("select count(*) from cancellations where booking_id = ?::uuid", booking.getBookingId()))
                .as("refused before anything is written").isEqualTo(0L);

        // a cancellation of it opened just before the seat was given away: refused by the void, kept REFUSED, nothing done
        bookingDatabase.execute("insert into cancellations (id, booking_id, request_id, seat_ids, refund_minor, state, by_customer, created_at)"
                + " values (gen_random_uuid(), ?::uuid, 'opened-before-the-transfer', array[?::uuid], 1, 'PENDING', true, now() - interval '1 minute')",
                booking.getBookingId(), given.getSeatId());
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"REFUSED".equals(bookingDatabase.fetchValue("select state from cancellations where request_id = 'opened-before-the-transfer'"))) {
            assertThat(System.currentTimeMillis()).as("the pending cancellation carried out").isLessThan(deadline);
            BookingFixtures.sleep(200);
        }
        assertThat((String) bookingDatabase.fetchValue("select refusal from cancellations where request_id = 'opened-before-the-transfer'"))
                .contains(given.getSeatId()).contains("given to someone else");
        RemoteError retried = failure(() -> bookings(customer).cancelBooking(CancelBookingRequest.newBuilder()
                .setRequestId("opened-before-the-transfer").setBookingId(booking.getBookingId()).addSeatIds(given.getSeatId()).build()));
        assertThat(retried.reason()).as("the refused cancellation's retry").isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(retried.metadata()).as("naming the seat as the first answer would").containsEntry("seat_ids", given.getSeatId());
        assertThat(statesOf(booking.getShowtimeId(), booking.getTicketsList().stream().map(Ticket::getSeatId).toList()))
                .containsOnly(SeatState.SEAT_STATE_SOLD);
        String cancelled = booking.getTickets(2).getSeatId();
        assertThat(bookings(customer).cancelBooking(cancel(booking).addSeatIds(cancelled).build()).getBooking().getStatus())
                .as("a seat still theirs").isEqualTo(BookingStatus.BOOKING_STATUS_PARTIALLY_CANCELLED);

        ResendTicketsRequest.Builder resend = ResendTicketsRequest.newBuilder().setBookingId(booking.getBookingId());
        assertThat(bookings(customer).resendTickets(resend.setRequestId(UUID.randomUUID().toString()).build()).getTickets())
                .as("the one ticket the customer holds and may use").isEqualTo(1);
        tickets(customer).transferTicket(transfer(booking.getTickets(1), recipientId).build());
        assertThat(failure(() -> bookings(customer).resendTickets(resend.setRequestId(UUID.randomUUID().toString()).build())).reason())
                .as("none left to the customer").isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);

        Booking byOrganizer = bookings(OWNER).cancelBooking(cancel(booking).setReason("the organizer refunded it").build()).getBooking();
        assertThat(byOrganizer.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(tickets(recipient).listTickets(ListTicketsRequest.newBuilder().setHolderUserId(recipientId).build()).getTicketsList())
                .as("the recipient's tickets, voided with their seats").hasSize(2)
                .allMatch(ticket -> ticket.getStatus() == TicketStatus.TICKET_STATUS_VOIDED);
    }
}
