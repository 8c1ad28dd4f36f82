package io.ticketmesh.ticket.tickets;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.CheckInRequest;
import io.ticketmesh.proto.ticket.v1.CheckInResponse;
import io.ticketmesh.ticket.inventory.ShowtimeOrganizations;
import io.ticketmesh.ticket.persistence.TicketRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.TicketsRecord;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CheckIn: a genuine, valid ticket for the scanner's showtime is admitted exactly once (one conditional update);
 * a second scan gets ALREADY_CHECKED_IN with when and at which gate, a forged, altered, voided, transferred or
 * other-showtime code INVALID_TICKET. A ticket is found by its scanned code or, admitted by hand, by its id. Only STAFF
 * or OWNERs of the showtime's organization admit, and the ticket records which of them did. A retried scan (same
 * request id) gets the first answer.
 */
@Service
public class CheckInDesk {
    private final QrSigner signer;
    private final TicketRepository tickets;
    private final ShowtimeOrganizations organizations;
    private final IdempotentRequests idempotent;

    public CheckInDesk(QrSigner signer, TicketRepository tickets, ShowtimeOrganizations organizations, IdempotentRequests idempotent) {
        this.signer = signer;
        this.tickets = tickets;
        this.organizations = organizations;
        this.idempotent = idempotent;
    }

    @Transactional
    public CheckInResponse checkIn(CheckInRequest request, Caller caller) {
        caller.requireAuthenticated();
        boolean byHand = byHand(request);
        TicketsRecord ticket = byHand ? byId(request.getTicketId()) : byCode(request.getQrPayload());
        organizations.requireStaff(ticket.getShowtimeId(), caller);
        if (!request.getShowtimeId().isEmpty() && !request.getShowtimeId().equals(ticket.getShowtimeId().toString())) {
            throw invalid("the ticket is for another showtime");
        }
        return idempotent.once(request.getRequestId(), request, CheckInResponse.parser(), () -> {
            TicketsRecord admitted = tickets.admit(ticket.getId(), request.getGate(), UUID.fromString(caller.userId()), byHand)
                    .orElseThrow(() -> notAdmitted(ticket.getId()));
            return CheckInResponse.newBuilder().setTicket(TicketProtos.ticket(admitted))
                    .setAdmittedAt(StoredTime.timestamp(admitted.getCheckedInAt())).build();
        });
    }

    /** Whether the request names the ticket by id rather than by code; exactly one of the two. */
    private static boolean byHand(CheckInRequest request) {
        boolean hasCode = !request.getQrPayload().isEmpty();
        if (hasCode == !request.getTicketId().isEmpty()) {
            throw hasCode ? DomainException.invalid("ticket_id", "give the scanned qr_payload or a ticket_id, not both")
                    : DomainException.invalid("qr_payload", "give the scanned qr_payload, or the ticket_id of a ticket admitted by hand");
        }
        return !hasCode;
    }

    private TicketsRecord byCode(String qrPayload) {
        QrSigner.Claims claims = signer.verify(qrPayload).orElseThrow(() -> invalid("the code is not a ticket of ours"));
        return tickets.find(claims.ticketId()).orElseThrow(() -> invalid("no such ticket"));
    }

    private TicketsRecord byId(String ticketId) {
        return tickets.find(UUID.fromString(ticketId)).orElseThrow(() -> DomainException.notFound("ticket", ticketId));
    }

    private DomainException notAdmitted(UUID ticketId) {
        TicketsRecord now = tickets.find(ticketId).orElseThrow();
        if (now.getStatus().equals("VOIDED")) {
            return invalid("the ticket was voided");
        }
        if (now.getStatus().equals("TRANSFERRED")) {
            return invalid("the ticket was given to another customer, whose ticket has a code of its own");
        }
        return new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_ALREADY_CHECKED_IN,
                "already admitted at " + now.getCheckedInGate())
                .with(ErrorDetail.CHECKED_IN_AT, DateTimeFormatter.ISO_INSTANT.format(now.getCheckedInAt().toInstant()))
                .with(ErrorDetail.GATE, now.getCheckedInGate());
    }

    private static DomainException invalid(String message) {
        return new DomainException(FailureKind.INVALID_ARGUMENT, ErrorReason.ERROR_REASON_INVALID_TICKET, message);
    }
}
