package io.ticketmesh.ticket.tickets;

import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import io.ticketmesh.ticket.persistence.jooq.tables.records.TicketsRecord;

/** Ticket rows as the contract's Ticket. */
final class TicketProtos {
    private TicketProtos() {}

    static Ticket ticket(TicketsRecord t) {
        Ticket.Builder ticket = Ticket.newBuilder().setTicketId(t.getId().toString()).setBookingId(t.getBookingId().toString())
                .setShowtimeId(t.getShowtimeId().toString()).setSeatId(t.getSeatId().toString()).setSection(t.getSection())
                .setRow(t.getRowLabel()).setSeatLabel(t.getSeatLabel()).setTier(t.getTier())
                .setHolderUserId(t.getHolderUserId().toString()).setHolderName(t.getHolderName())
                .setStatus(TicketStatus.valueOf("TICKET_STATUS_" + t.getStatus())).setQrPayload(t.getQrPayload())
                .setIssuedAt(StoredTime.timestamp(t.getIssuedAt())).setBoxOffice(t.getBoxOffice());
        if (t.getCheckedInAt() != null) {
            ticket.setCheckedInAt(StoredTime.timestamp(t.getCheckedInAt())).setCheckedInGate(t.getCheckedInGate())
                    .setCheckedInByHand(t.getCheckedInByHand());
        }
        if (t.getCheckedInBy() != null) {
            ticket.setCheckedInByUserId(t.getCheckedInBy().toString());
        }
        if (t.getVoidedAt() != null) {
            ticket.setVoidedAt(StoredTime.timestamp(t.getVoidedAt()));
        }
        if (t.getTransferredAt() != null) {
            ticket.setTransferredAt(StoredTime.timestamp(t.getTransferredAt()));
        }
        if (t.getTransferredFrom() != null) {
            ticket.setTransferredFromTicketId(t.getTransferredFrom().toString());
        }
        return ticket.build();
    }
}
