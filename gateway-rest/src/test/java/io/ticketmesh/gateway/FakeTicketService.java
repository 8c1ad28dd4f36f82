package io.ticketmesh.gateway;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.GrpcErrors;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketServiceGrpc;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import io.ticketmesh.proto.ticket.v1.TransferTicketResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process TicketService standing in for ticket-service's transfers (served beside {@link FakeInventoryService}):
 * it keeps every TransferTicket request it gets and answers the ticket TRANSFERRED, or INVALID_STATE for
 * {@link #SPENT_TICKET}.
 */
final class FakeTicketService extends TicketServiceGrpc.TicketServiceImplBase {
    static final String SPENT_TICKET = "00000000-0000-4000-8000-00000000000a";
    static final List<TransferTicketRequest> TRANSFERS = new CopyOnWriteArrayList<>();

    @Override
    public void transferTicket(TransferTicketRequest request, StreamObserver<TransferTicketResponse> response) {
        TRANSFERS.add(request);
        if (request.getTicketId().equals(SPENT_TICKET)) {
            response.onError(GrpcErrors.toStatus(DomainException.invalidState("ticket " + SPENT_TICKET + " was used at the door")));
            return;
        }
        response.onNext(TransferTicketResponse.newBuilder().setTicket(Ticket.newBuilder().setTicketId(request.getTicketId())
                .setStatus(TicketStatus.TICKET_STATUS_TRANSFERRED)).build());
        response.onCompleted();
    }
}
