package io.ticketmesh.ticket;

import static io.ticketmesh.ticket.TicketBookings.book;
import static io.ticketmesh.ticket.TicketBookings.tickets;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.common.v1.EventMetadata;
import io.ticketmesh.proto.ticket.v1.OfferTicketRequest;
import io.ticketmesh.proto.ticket.v1.TicketOffered;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import io.ticketmesh.proto.ticket.v1.TicketsIssued;
import io.ticketmesh.proto.ticket.v1.TicketsVoided;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import io.ticketmesh.proto.ticket.v1.VoidTicketsRequest;
import io.ticketmesh.ticket.TicketBookings.Booking;
import io.ticketmesh.ticket.tickets.TicketOffice;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A booking's ticket events carry the booking's version, one further with each, whatever their kind. */
class TicketEventVersionsTest extends TicketServiceTestBase {

    private VoidTicketsRequest voiding(Booking booking, int ticket) {
        return VoidTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setBookingId(booking.bookingId())
                .addTicketIds(booking.tickets().get(ticket).getTicketId()).setReason("refund").build();
    }

    @Test
    void issuedOfferedTransferredAndTwoVoidsAreVersionsOneToFiveInTheirOrder() {
        Booking booking = book(3);
        tickets(booking.customer()).offerTicket(OfferTicketRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setTicketId(booking.tickets().get(0).getTicketId()).setRecipientEmail("newcomer-" + UUID.randomUUID() + "@example.test").build());
        String friend = UUID.randomUUID().toString();
        tickets(booking.customer()).transferTicket(TransferTicketRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setTicketId(booking.tickets().get(1).getTicketId()).setRecipientUserId(friend).setRecipientEmail(friend + "@example.test").build());
        tickets(booking.customer()).voidTickets(voiding(booking, 2));
        VoidTicketsRequest again = voiding(booking, 0);
        tickets(booking.customer()).voidTickets(again);
        tickets(booking.customer()).voidTickets(again);

        List<ReceivedEvent> events = KafkaTestEvents.read(TicketOffice.TOPIC, booking.bookingId(), 5);
        assertThat(events).extracting(ReceivedEvent::type).containsExactly(TicketsIssued.getDescriptor().getFullName(),
                TicketOffered.getDescriptor().getFullName(), TicketTransferred.getDescriptor().getFullName(),
                TicketsVoided.getDescriptor().getFullName(), TicketsVoided.getDescriptor().getFullName());
        assertThat(events).as("a retried void announces nothing more").extracting(e -> metadata(e).getAggregateVersion())
                .containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    private static EventMetadata metadata(ReceivedEvent event) {
        return switch (event.type().substring(event.type().lastIndexOf('.') + 1)) {
            case "TicketsIssued" -> event.payload(TicketsIssued.parser()).getMetadata();
            case "TicketOffered" -> event.payload(TicketOffered.parser()).getMetadata();
            case "TicketTransferred" -> event.payload(TicketTransferred.parser()).getMetadata();
            default -> event.payload(TicketsVoided.parser()).getMetadata();
        };
    }
}
