package io.ticketmesh.ticket;

import static io.ticketmesh.platform.testing.GrpcTestCalls.as;

import io.ticketmesh.proto.ticket.v1.ConfirmHoldRequest;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.IssueTicketsRequest;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketServiceGrpc;
import java.util.List;
import java.util.UUID;

/** Confirmed, ticketed bookings as the tests of tickets start from, made through the gRPC API as booking-service makes them. */
final class TicketBookings {
    private TicketBookings() {}

    /** A customer's booking of some seats of a fresh showtime, confirmed and ticketed in the name of Ada Lovelace. */
    record Booking(String customer, String bookingId, Hold hold, List<Ticket> tickets, TicketServiceTestBase.PublishedShowtime showtime) {}

    static TicketServiceGrpc.TicketServiceBlockingStub tickets(String token) {
        return as(TicketServiceGrpc.newBlockingStub(TicketServiceTestBase.CHANNEL), token);
    }

    static Booking book(int seats) {
        return book(TicketServiceTestBase.customer(), seats);
    }

    static Booking book(String customer, int seats) {
        return book(customer, seats, false);
    }

    /** With {@code boxOffice}, a sale at the box office by {@code customer}, the organization's staff. */
    static Booking book(String customer, int seats, boolean boxOffice) {
        TicketServiceTestBase.PublishedShowtime showtime = TicketServiceTestBase.publish(1, 10, 10);
        Hold hold = TicketServiceTestBase.inventory(customer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).addAllSeatIds(showtime.seatIds().subList(0, seats)).setBoxOffice(boxOffice).build()).getHold();
        String bookingId = UUID.randomUUID().toString();
        TicketServiceTestBase.inventory(customer).confirmHold(ConfirmHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setHoldId(hold.getHoldId()).setBookingId(bookingId).build());
        List<Ticket> issued = tickets(customer).issueTickets(IssueTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(bookingId).setHoldId(hold.getHoldId()).setHolderName("Ada Lovelace").build()).getTicketsList();
        return new Booking(customer, bookingId, hold, issued, showtime);
    }
}
