package io.ticketmesh.ticket.tickets;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.CheckInRequest;
import io.ticketmesh.proto.ticket.v1.CheckInResponse;
import io.ticketmesh.ticket.inventory.SeatProtos;
import io.ticketmesh.ticket.persistence.TicketRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.TicketsRecord;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CheckIn: a genuine, valid ticket for the scanner's showtime is admitted exactly once (one conditional update);
 * a second scan gets ALREADY_CHECKED_IN with when and at which gate, a forged, altered, voided, transferred or
 * other-showtime code INVALID_TICKET. Only STAFF or OWNERs of the showtime's organization scan. A retried scan (same request id) gets the
 * first answer.
 */
@Service
public class CheckInDesk {
    private final QrSigner signer;
    private final TicketRepository tickets;
    private final TicketOffice office;
    private final IdempotentRequests idempotent;

    public CheckInDesk(QrSigner signer, TicketRepository tickets, TicketOffice office, IdempotentRequests idempotent) {
        this.signer = signer;
        this.tickets = tickets;
        this.office = office;
        this.idempotent = idempotent;
    }

    @Transactional
    public CheckInResponse checkIn(CheckInRequest request, Caller caller) {
        caller.requireAuthenticated();
        QrSigner.Claims claims = signer.verify(request.getQrPayload()).orElseThrow(() -> invalid("the code is not a ticket of ours"));
        TicketsRecord ticket = tickets.find(claims.ticketId()).orElseThrow(() -> invalid("no such ticket"));
        caller.requireStaff(office.organizationOf(ticket.getShowtimeId()));
        if (!request.getShowtimeId().isEmpty() && !request.getShowtimeId().equals(ticket.getShowtimeId().toString())) {
            throw invalid("the ticket is for another showtime");
        }
        return idempotent.once(request.getRequestId(), request, CheckInResponse.parser(), () -> {
            TicketsRecord admitted = tickets.admit(ticket.getId(), request.getGate()).orElseThrow(() -> notAdmitted(ticket.getId()));
            return CheckInResponse.newBuilder().setTicket(TicketProtos.ticket(admitted))
                    .setAdmittedAt(SeatProtos.timestamp(admitted.getCheckedInAt())).build();
        });
    }

    private DomainException notAdmitted(java.util.UUID ticketId) {
        TicketsRecord now = tickets.find(ticketId).orElseThrow();
        if (now.getStatus().equals("VOIDED")) {
            return invalid("the ticket was voided");
        }
        if (now.getStatus().equals("TRANSFERRED")) {
            return invalid("the ticket was given to another customer, whose ticket has a code of its own");
        }
        return new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_ALREADY_CHECKED_IN,
                "already admitted at " + now.getCheckedInGate())
                .with("checked_in_at", DateTimeFormatter.ISO_INSTANT.format(now.getCheckedInAt().toInstant()))
                .with("gate", now.getCheckedInGate());
    }

    private static DomainException invalid(String message) {
        return new DomainException(FailureKind.INVALID_ARGUMENT, ErrorReason.ERROR_REASON_INVALID_TICKET, message);
    }
}
