package io.ticketmesh.booking.booking;

import io.grpc.StatusRuntimeException;
import io.ticketmesh.booking.client.TicketClient;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.ResendTicketsRequest;
import io.ticketmesh.proto.booking.v1.ResendTicketsResponse;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A confirmed booking's tickets sent again when its customer (or an OWNER) asks: {@code TicketsResent} with the
 * tickets its customer still holds, once a request, to the address the booking was made with; workers mail it as the first time.
 */
@Service
public class TicketResends {
    private static final Set<String> WITH_TICKETS = Set.of("CONFIRMED", "PARTIALLY_CANCELLED");
    /** The tickets mailed again: those that admit or admitted, not the voided nor those given away. */
    private static final Set<TicketStatus> SENT = Set.of(TicketStatus.TICKET_STATUS_VALID, TicketStatus.TICKET_STATUS_CHECKED_IN);
    private final BookingReader reader;
    private final BookingRepository bookings;
    private final TicketClient tickets;
    private final BookingEvents events;
    private final IdempotentRequests idempotent;
    private final TransactionTemplate transaction;

    public TicketResends(BookingReader reader, BookingRepository bookings, TicketClient tickets, BookingEvents events,
                         IdempotentRequests idempotent, TransactionTemplate transaction) {
        this.reader = reader;
        this.bookings = bookings;
        this.tickets = tickets;
        this.events = events;
        this.idempotent = idempotent;
        this.transaction = transaction;
    }

    public ResendTicketsResponse resend(ResendTicketsRequest request) {
        BookingsRecord booking = reader.readable(request.getBookingId(), CallerContext.authenticated());
        if (!WITH_TICKETS.contains(booking.getStatus())) {
            throw DomainException.invalidState("booking " + booking.getReference() + " has no tickets to send (it is "
                    + booking.getStatus().toLowerCase().replace('_', ' ') + ")");
        }
        if (booking.getCustomerEmail().isEmpty()) {
            String why = booking.getBoxOfficePayment() != null ? "none was taken at the box office; print them" : "its customer closed their account";
            throw DomainException.invalidState("booking " + booking.getReference() + " has no address to send its tickets to (" + why + ")");
        }
        // read before the transaction: the tickets come from ticket-service (and only they: the email needs no payment)
        Booking valid = reader.view(booking, false).toBuilder().addAllTickets(validTickets(booking)).build();
        return transaction.execute(status -> idempotent.once(request.getRequestId(), request, ResendTicketsResponse.parser(), () -> {
            BookingsRecord now = bookings.nextVersion(booking.getId());
            events.ticketsResent(now, valid.toBuilder().setVersion(now.getVersion()).build());
            return ResendTicketsResponse.newBuilder().setTickets(valid.getTicketsCount()).build();
        }));
    }

    private List<Ticket> validTickets(BookingsRecord booking) {
        List<Ticket> held = List.of();
        try {
            held = tickets.heldByCustomer(booking.getId(), booking.getUserId());
        } catch (StatusRuntimeException | IllegalStateException e) {
            // answered below, as for no tickets at all
        }
        if (held.isEmpty()) {
            throw new DomainException(FailureKind.UNAVAILABLE, ErrorReason.ERROR_REASON_DEPENDENCY_UNAVAILABLE,
                    "the booking's tickets cannot be read just now; nothing was sent, try again");
        }
        List<Ticket> valid = held.stream().filter(ticket -> SENT.contains(ticket.getStatus())).toList();
        if (valid.isEmpty()) {
            throw DomainException.invalidState("booking " + booking.getReference() + " has no ticket its customer still holds"
                    + " (each was given to someone else, who was sent their own)");
        }
        return valid;
    }
}
