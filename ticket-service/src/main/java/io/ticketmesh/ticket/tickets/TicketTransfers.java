package io.ticketmesh.ticket.tickets;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import io.ticketmesh.proto.ticket.v1.TransferTicketResponse;
import io.ticketmesh.ticket.persistence.HoldRepository;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import io.ticketmesh.ticket.persistence.TicketRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.InventoryShowtimesRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.TicketsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TransferTicket: the holder of a VALID ticket gives it to another customer before the show starts, unless its
 * organizer closed the showtime to transfers. Under the booking's hold lock (which VoidTickets takes too) and the
 * ticket's, it becomes TRANSFERRED, so its code is refused at the door, and the recipient gets a new ticket for the seat
 * with a code of its own, announced by {@link TicketTransferred} on {@code ticketmesh.tickets} (keyed by booking) for
 * workers to mail. The new ticket keeps the booking (the purchaser's refund stays theirs) and names the ticket it
 * replaced.
 */
@Service
public class TicketTransfers {
    private static final Map<String, String> NOT_TRANSFERABLE = Map.of(
            "CHECKED_IN", "was used at the door", "VOIDED", "was voided", "TRANSFERRED", "was given away already");
    private final TicketRepository tickets;
    private final HoldRepository holds;
    private final InventoryRepository inventory;
    private final QrSigner signer;
    private final Outbox outbox;
    private final IdempotentRequests idempotent;

    public TicketTransfers(TicketRepository tickets, HoldRepository holds, InventoryRepository inventory, QrSigner signer, Outbox outbox,
                           IdempotentRequests idempotent) {
        this.tickets = tickets;
        this.holds = holds;
        this.inventory = inventory;
        this.signer = signer;
        this.outbox = outbox;
        this.idempotent = idempotent;
    }

    @Transactional
    public TransferTicketResponse transfer(TransferTicketRequest request, Caller caller) {
        caller.requireAuthenticated();
        TicketsRecord ticket = lockToGive(request.getTicketId());
        requireHolder(ticket, caller);
        return idempotent.once(request.getRequestId(), request, TransferTicketResponse.parser(), () -> {
            if (request.getRecipientUserId().equals(caller.userId())) {
                throw DomainException.invalid("recipient_user_id", "the ticket is the caller's already");
            }
            give(ticket, caller, UUID.fromString(request.getRecipientUserId()), request.getRecipientName(), request.getRecipientEmail());
            return TransferTicketResponse.newBuilder().setTicket(TicketProtos.ticket(ticket)).build();
        });
    }

    /**
     * The ticket, locked for giving: the booking's hold lock first, as VoidTickets takes it, so a void is wholly before
     * the transfer or after it; then the ticket's own.
     */
    TicketsRecord lockToGive(String id) {
        UUID ticketId = UUID.fromString(id);
        TicketsRecord found = tickets.find(ticketId).orElseThrow(() -> DomainException.notFound("ticket", id));
        holds.findAllForUpdate(List.of(found.getHoldId()));
        return tickets.lock(ticketId).orElseThrow();
    }

    /** The holder alone: neither the organizer's staff nor a service gives a customer's ticket away. */
    static void requireHolder(TicketsRecord ticket, Caller caller) {
        if (caller.isService() || !caller.userId().equals(ticket.getHolderUserId().toString())) {
            throw DomainException.permissionDenied("only the ticket's holder may give it away");
        }
    }

    /** INVALID_STATE unless the ticket is VALID, sold online, and its show open to transfers now. */
    void requireGivable(TicketsRecord ticket, OffsetDateTime now) {
        if (ticket.getBoxOffice()) {
            throw DomainException.invalidState("ticket " + ticket.getId() + " was sold at the box office: its buyer has it on paper or by "
                    + "mail, and it is not given away online");
        }
        String refused = NOT_TRANSFERABLE.get(ticket.getStatus());
        if (refused != null) {
            throw DomainException.invalidState("ticket " + ticket.getId() + " " + refused);
        }
        requireTransfersOpen(ticket.getShowtimeId(), now);
    }

    /**
     * Gives the locked ticket (its giver checked by the caller) to the recipient: it becomes TRANSFERRED and the
     * recipient's new ticket is written and announced. Answers the new ticket.
     */
    TicketsRecord give(TicketsRecord ticket, Caller giver, UUID recipientUserId, String recipientName, String recipientEmail) {
        OffsetDateTime now = StoredTime.now();
        requireGivable(ticket, now);
        TicketsRecord received = received(ticket, recipientUserId, recipientName, now);
        tickets.transfer(ticket, received);
        ticket.setStatus("TRANSFERRED");
        ticket.setTransferredAt(now);
        outbox.append(TicketOffice.TOPIC, TicketTransferred.newBuilder()
                .setMetadata(EventMetadatas.next(ticket.getBookingId().toString(), tickets.nextEventVersion(ticket.getBookingId())))
                .setBookingId(ticket.getBookingId().toString()).setShowtimeId(ticket.getShowtimeId().toString())
                .setFromTicketId(ticket.getId().toString()).setFromUserId(giver.userId()).setFromName(giver.name())
                .setTicket(TicketProtos.ticket(received)).setRecipientEmail(recipientEmail).build());
        return received;
    }

    /** Until the show starts, unless its organizer closed it to transfers. */
    private void requireTransfersOpen(UUID showtimeId, OffsetDateTime now) {
        InventoryShowtimesRecord showtime = inventory.findShowtime(showtimeId).orElseThrow();
        if (showtime.getTransfersClosed()) {
            throw DomainException.invalidState("the organizer does not let this show's tickets be given to someone else");
        }
        if (!showtime.getStartsAt().isAfter(now)) {
            throw DomainException.invalidState("the show has started: its tickets are no longer given away");
        }
    }

    /** The recipient's ticket: the seat of the one given, their name on it, a code of its own, and whence it came. */
    private TicketsRecord received(TicketsRecord given, UUID recipientUserId, String recipientName, OffsetDateTime now) {
        TicketsRecord ticket = new NewTicket(given.getBookingId(), given.getHoldId(), given.getShowtimeId(), recipientUserId, recipientName,
                false, now)
                .forSeat(new NewTicket.Seat(given.getSeatId(), given.getSection(), given.getRowLabel(), given.getSeatLabel(), given.getTier()), signer);
        ticket.setTransferredFrom(given.getId());
        return ticket;
    }
}
