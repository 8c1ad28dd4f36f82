package io.ticketmesh.booking.client;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.booking.saga.SagaBooking;
import io.ticketmesh.booking.saga.StepResult;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.IssueTicketsRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketsRequest;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketServiceGrpc;
import io.ticketmesh.proto.ticket.v1.VoidTicketsRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * ticket-service's tickets as booking-service sees them: issued once per booking, voided on cancellation (a ticket the
 * customer gave away is voided in its recipient's hands).
 */
@Component
public class TicketClient {
    private static final Logger log = LoggerFactory.getLogger(TicketClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final ManagedChannel channel;
    private final Participants participants;

    public TicketClient(@Qualifier(TicketServiceChannel.NAME) ManagedChannel channel, Participants participants) {
        this.channel = channel;
        this.participants = participants;
    }

    private TicketServiceGrpc.TicketServiceBlockingStub stub() {
        return participants.asService(TicketServiceGrpc.newBlockingStub(channel), TIMEOUT);
    }

    public StepResult issue(SagaBooking saga) {
        return participants.outcome(Participants.TICKET_SERVICE, () -> {
            List<Ticket> issued = stub().issueTickets(IssueTicketsRequest.newBuilder().setRequestId(saga.requestId("issue_tickets"))
                    .setBookingId(saga.id().toString()).setHoldId(saga.booking().getHoldId().toString())
                    .setHolderName(saga.booking().getCustomerName()).build()).getTicketsList();
            saga.tickets(issued);
            return StepResult.done(issued.size() + " tickets issued");
        });
    }

    /** The booking's tickets (none before they are issued), those its customer gave away and their recipients' included. */
    public List<Ticket> ofBooking(UUID bookingId) {
        return stub().listTickets(ListTicketsRequest.newBuilder().setBookingId(bookingId.toString()).setPageSize(1000).build()).getTicketsList();
    }

    /**
     * The booking's tickets its customer holds: what the booking shows and mails them. A ticket they gave away is
     * there as TRANSFERRED; its recipient's ticket, and its code, are not.
     */
    public List<Ticket> heldByCustomer(UUID bookingId, String customerUserId) {
        return ofBooking(bookingId).stream().filter(ticket -> ticket.getHolderUserId().equals(customerUserId)).toList();
    }

    /**
     * Refuses, as ticket-service would refuse the customer's cancellation of {@code seatIds}, when one of their tickets
     * is held by someone else now or was used at the door: INVALID_STATE naming those seats ({@code seat_ids}). Asks
     * ticket-service to check a void without carrying it out. When it cannot say (down, or too slow), nothing is
     * refused here: the void itself checks again when it runs, so a cancellation asked during an outage is recorded at
     * the terms of the moment it was asked and finished once ticket-service is back.
     */
    public void refuseIfNotTheCustomers(UUID bookingId, String customerUserId, List<String> seatIds) {
        try {
            stub().voidTickets(VoidTicketsRequest.newBuilder().setRequestId("validate/" + bookingId).setValidateOnly(true)
                    .setBookingId(bookingId.toString()).addAllSeatIds(seatIds).setOnlyHeldByUserId(customerUserId).build());
        } catch (StatusRuntimeException e) {
            RemoteError error = RemoteError.of(e);
            if (error.reason() == ErrorReason.ERROR_REASON_INVALID_STATE) {
                throw DomainException.invalidState(error.message()).with(ErrorDetail.SEAT_IDS, ErrorDetail.SEAT_IDS.in(error.metadata()));
            }
            if (error.code() != Status.Code.NOT_FOUND) {
                log.warn("ticket-service could not check the customer's cancellation of booking {} ({}): left to the void", bookingId,
                        error.message());
            }
        }
    }

    /**
     * Voids the booking's tickets of the named seats under the caller's request id: each seat's live ticket, whoever
     * holds it when ticket-service runs the call. {@code onlyCustomers}: unless one of them is held by someone else
     * than the booking's customer, who gave it away (then none is, the step Failed with INVALID_STATE).
     */
    public StepResult voidSeats(SagaBooking saga, String requestStep, List<String> seatIds, boolean onlyCustomers) {
        return participants.outcome(Participants.TICKET_SERVICE, () -> {
            try {
                List<Ticket> voided = stub().voidTickets(VoidTicketsRequest.newBuilder().setRequestId(saga.requestId(requestStep))
                        .setBookingId(saga.id().toString()).addAllSeatIds(seatIds)
                        .setOnlyHeldByUserId(onlyCustomers ? saga.booking().getUserId() : "").build()).getTicketsList();
                return StepResult.done(voided.size() + " tickets voided");
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return StepResult.done("no tickets to void");
                }
                throw e;
            }
        });
    }
}
