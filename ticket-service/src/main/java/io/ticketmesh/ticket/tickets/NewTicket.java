package io.ticketmesh.ticket.tickets;

import io.ticketmesh.ticket.persistence.jooq.tables.records.TicketsRecord;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A VALID ticket for a seat of a booking, with a fresh id and its code signed: what IssueTickets makes for each seat
 * (of a sale at the box office when its hold was) and TransferTicket for the recipient.
 */
record NewTicket(UUID bookingId, UUID holdId, UUID showtimeId, UUID holderUserId, String holderName, boolean boxOffice,
                 OffsetDateTime issuedAt) {

    /** The seat as printed on the ticket. */
    record Seat(UUID seatId, String section, String row, String label, String tier) {}

    TicketsRecord forSeat(Seat seat, QrSigner signer) {
        UUID ticketId = UUID.randomUUID();
        TicketsRecord ticket = new TicketsRecord();
        ticket.setId(ticketId);
        ticket.setBookingId(bookingId);
        ticket.setHoldId(holdId);
        ticket.setShowtimeId(showtimeId);
        ticket.setSeatId(seat.seatId());
        ticket.setSection(seat.section());
        ticket.setRowLabel(seat.row());
        ticket.setSeatLabel(seat.label());
        ticket.setTier(seat.tier());
        ticket.setHolderUserId(holderUserId);
        ticket.setHolderName(holderName);
        ticket.setBoxOffice(boxOffice);
        ticket.setStatus("VALID");
        ticket.setIssuedAt(issuedAt);
        ticket.setQrPayload(signer.sign(new QrSigner.Claims(ticketId, showtimeId, seat.seatId(), holderUserId, issuedAt.toEpochSecond())));
        return ticket;
    }
}
