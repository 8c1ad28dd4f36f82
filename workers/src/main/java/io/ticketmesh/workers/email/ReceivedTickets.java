package io.ticketmesh.workers.email;

import static io.ticketmesh.workers.persistence.jooq.Tables.RECEIVED_TICKETS;

import io.ticketmesh.platform.privacy.ClosedAccount;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import io.ticketmesh.workers.persistence.jooq.tables.records.ReceivedTicketsRecord;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The tickets customers received from others and the address each was mailed to: whom to tell when one is voided
 * (ticket-service keeps no addresses). A ticket given on leaves; a closed account's leave with it.
 */
@Component
public class ReceivedTickets {
    /** A received ticket: the show, where it was mailed, who gave it, its seat as the mail wrote it, the account holding it. */
    public record Received(UUID ticketId, String showtimeId, String recipient, String giverName, String place, UUID holder) {}

    private final DSLContext dsl;

    public ReceivedTickets(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Remembers the ticket received, where it was mailed and its seat ({@code place}, as the mail wrote it); the
     * ticket its giver had received, if they had, is forgotten (no longer theirs).
     */
    void remember(TicketTransferred transferred, String place) {
        dsl.deleteFrom(RECEIVED_TICKETS).where(RECEIVED_TICKETS.TICKET_ID.eq(UUID.fromString(transferred.getFromTicketId()))).execute();
        dsl.insertInto(RECEIVED_TICKETS).set(RECEIVED_TICKETS.TICKET_ID, UUID.fromString(transferred.getTicket().getTicketId()))
                .set(RECEIVED_TICKETS.SHOWTIME_ID, UUID.fromString(transferred.getShowtimeId()))
                .set(RECEIVED_TICKETS.HOLDER_USER_ID, UUID.fromString(transferred.getTicket().getHolderUserId()))
                .set(RECEIVED_TICKETS.RECIPIENT, transferred.getRecipientEmail()).set(RECEIVED_TICKETS.GIVER_NAME, transferred.getFromName())
                .set(RECEIVED_TICKETS.PLACE, place).onConflictDoNothing().execute();
    }

    /** Those of the tickets that were received from someone, in the order of their ids. */
    List<Received> among(Collection<String> ticketIds) {
        return dsl.selectFrom(RECEIVED_TICKETS).where(RECEIVED_TICKETS.TICKET_ID.in(ticketIds.stream().map(UUID::fromString).toList()))
                .orderBy(RECEIVED_TICKETS.TICKET_ID).fetch(ReceivedTickets::received);
    }

    private static Received received(ReceivedTicketsRecord row) {
        return new Received(row.getTicketId(), row.getShowtimeId().toString(), row.getRecipient(), row.getGiverName(), row.getPlace(),
                row.getHolderUserId());
    }

    /** The received tickets of a showtime, by recipient and then id. */
    List<Received> ofShowtime(String showtimeId) {
        return dsl.selectFrom(RECEIVED_TICKETS).where(RECEIVED_TICKETS.SHOWTIME_ID.eq(UUID.fromString(showtimeId)))
                .orderBy(RECEIVED_TICKETS.RECIPIENT, RECEIVED_TICKETS.TICKET_ID).fetch(ReceivedTickets::received);
    }

    /** Voided tickets: their holders were told, and nothing more will be told of them. */
    void forget(List<Received> voided) {
        dsl.deleteFrom(RECEIVED_TICKETS).where(RECEIVED_TICKETS.TICKET_ID.in(voided.stream().map(Received::ticketId).toList())).execute();
    }

    /** A closed account's received tickets: nothing more will be told of them. */
    void forget(ClosedAccount account) {
        dsl.deleteFrom(RECEIVED_TICKETS).where(RECEIVED_TICKETS.HOLDER_USER_ID.eq(UUID.fromString(account.userId()))).execute();
    }
}
