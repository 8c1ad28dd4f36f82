package io.ticketmesh.gateway;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.GrpcErrors;
import io.ticketmesh.proto.ticket.v1.AcceptTicketOfferRequest;
import io.ticketmesh.proto.ticket.v1.AcceptTicketOfferResponse;
import io.ticketmesh.proto.ticket.v1.OfferTicketRequest;
import io.ticketmesh.proto.ticket.v1.OfferTicketResponse;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketOffer;
import io.ticketmesh.proto.ticket.v1.TicketOfferStatus;
import io.ticketmesh.proto.ticket.v1.TicketServiceGrpc;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import io.ticketmesh.proto.ticket.v1.TransferTicketResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process TicketService standing in for ticket-service's transfers (served beside {@link FakeInventoryService}):
 * it keeps every TransferTicket and OfferTicket request it gets and answers the ticket TRANSFERRED (or INVALID_STATE for
 * {@link #SPENT_TICKET}) and the offer PENDING; it answers an acceptance of {@link #OFFER_TOKEN} with a new ticket and
 * of any other token NOT_FOUND.
 */
final class FakeTicketService extends TicketServiceGrpc.TicketServiceImplBase {
    static final String SPENT_TICKET = "00000000-0000-4000-8000-00000000000a";
    static final List<TransferTicketRequest> TRANSFERS = new CopyOnWriteArrayList<>();
    static final List<OfferTicketRequest> OFFERS = new CopyOnWriteArrayList<>();
    static final String OFFER_TOKEN = "offer-token";

    @Override
    public void offerTicket(OfferTicketRequest request, StreamObserver<OfferTicketResponse> response) {
        OFFERS.add(request);
        response.onNext(OfferTicketResponse.newBuilder().setOffer(TicketOffer.newBuilder().setOfferId(UUID.randomUUID().toString())
                .setTicketId(request.getTicketId()).setRecipientEmail(request.getRecipientEmail())
                .setStatus(TicketOfferStatus.TICKET_OFFER_STATUS_PENDING)).build());
        response.onCompleted();
    }

    @Override
    public void acceptTicketOffer(AcceptTicketOfferRequest request, StreamObserver<AcceptTicketOfferResponse> response) {
        if (!request.getToken().equals(OFFER_TOKEN)) {
            response.onError(GrpcErrors.toStatus(DomainException.notFound("ticket offer", "of this token")));
            return;
        }
        response.onNext(AcceptTicketOfferResponse.newBuilder().setTicket(Ticket.newBuilder().setTicketId(UUID.randomUUID().toString())
                .setStatus(TicketStatus.TICKET_STATUS_VALID)).build());
        response.onCompleted();
    }

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
