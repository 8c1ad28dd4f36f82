package io.ticketmesh.ticket.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.proto.ticket.v1.AcceptTicketOfferRequest;
import io.ticketmesh.proto.ticket.v1.AcceptTicketOfferResponse;
import io.ticketmesh.proto.ticket.v1.CheckInRequest;
import io.ticketmesh.proto.ticket.v1.CheckInResponse;
import io.ticketmesh.proto.ticket.v1.GetAttendanceRequest;
import io.ticketmesh.proto.ticket.v1.GetAttendanceResponse;
import io.ticketmesh.proto.ticket.v1.GetTicketQrCodeRequest;
import io.ticketmesh.proto.ticket.v1.GetTicketQrCodeResponse;
import io.ticketmesh.proto.ticket.v1.GetTicketRequest;
import io.ticketmesh.proto.ticket.v1.GetTicketResponse;
import io.ticketmesh.proto.ticket.v1.GetVerificationKeysRequest;
import io.ticketmesh.proto.ticket.v1.GetVerificationKeysResponse;
import io.ticketmesh.proto.ticket.v1.IssueTicketsRequest;
import io.ticketmesh.proto.ticket.v1.IssueTicketsResponse;
import io.ticketmesh.proto.ticket.v1.ListTicketOffersRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketOffersResponse;
import io.ticketmesh.proto.ticket.v1.ListTicketsRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketsResponse;
import io.ticketmesh.proto.ticket.v1.OfferTicketRequest;
import io.ticketmesh.proto.ticket.v1.OfferTicketResponse;
import io.ticketmesh.proto.ticket.v1.TicketServiceGrpc;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import io.ticketmesh.proto.ticket.v1.TransferTicketResponse;
import io.ticketmesh.proto.ticket.v1.VoidTicketsRequest;
import io.ticketmesh.proto.ticket.v1.VoidTicketsResponse;
import io.ticketmesh.proto.ticket.v1.WithdrawTicketOfferRequest;
import io.ticketmesh.proto.ticket.v1.WithdrawTicketOfferResponse;
import io.ticketmesh.ticket.tickets.AttendanceCount;
import io.ticketmesh.ticket.tickets.CheckInDesk;
import io.ticketmesh.ticket.tickets.TicketOffers;
import io.ticketmesh.ticket.tickets.TicketOffice;
import io.ticketmesh.ticket.tickets.TicketTransfers;
import org.springframework.stereotype.Service;

/** TicketService over gRPC. */
@Service
public class TicketGrpcService extends TicketServiceGrpc.TicketServiceImplBase {
    private final TicketOffice office;
    private final CheckInDesk desk;
    private final TicketTransfers transfers;
    private final TicketOffers offers;
    private final AttendanceCount attendance;

    public TicketGrpcService(TicketOffice office, CheckInDesk desk, TicketTransfers transfers, TicketOffers offers,
                             AttendanceCount attendance) {
        this.office = office;
        this.desk = desk;
        this.transfers = transfers;
        this.offers = offers;
        this.attendance = attendance;
    }

    @Override
    public void issueTickets(IssueTicketsRequest request, StreamObserver<IssueTicketsResponse> response) {
        answer(request, r -> office.issue(r, CallerContext.current()), response);
    }

    @Override
    public void getTicket(GetTicketRequest request, StreamObserver<GetTicketResponse> response) {
        answer(request, r -> GetTicketResponse.newBuilder().setTicket(office.get(r.getTicketId(), CallerContext.current())).build(), response);
    }

    @Override
    public void getTicketQrCode(GetTicketQrCodeRequest request, StreamObserver<GetTicketQrCodeResponse> response) {
        answer(request, r -> office.qrCode(r, CallerContext.current()), response);
    }

    @Override
    public void listTickets(ListTicketsRequest request, StreamObserver<ListTicketsResponse> response) {
        answer(request, r -> office.list(r, CallerContext.current()), response);
    }

    @Override
    public void voidTickets(VoidTicketsRequest request, StreamObserver<VoidTicketsResponse> response) {
        answer(request, r -> office.voidTickets(r, CallerContext.current()), response);
    }

    @Override
    public void transferTicket(TransferTicketRequest request, StreamObserver<TransferTicketResponse> response) {
        answer(request, r -> transfers.transfer(r, CallerContext.current()), response);
    }

    @Override
    public void offerTicket(OfferTicketRequest request, StreamObserver<OfferTicketResponse> response) {
        answer(request, r -> offers.offer(r, CallerContext.current()), response);
    }

    @Override
    public void acceptTicketOffer(AcceptTicketOfferRequest request, StreamObserver<AcceptTicketOfferResponse> response) {
        answer(request, r -> offers.accept(r, CallerContext.current()), response);
    }

    @Override
    public void withdrawTicketOffer(WithdrawTicketOfferRequest request, StreamObserver<WithdrawTicketOfferResponse> response) {
        answer(request, r -> offers.withdraw(r, CallerContext.current()), response);
    }

    @Override
    public void listTicketOffers(ListTicketOffersRequest request, StreamObserver<ListTicketOffersResponse> response) {
        answer(request, r -> offers.list(r, CallerContext.current()), response);
    }

    @Override
    public void checkIn(CheckInRequest request, StreamObserver<CheckInResponse> response) {
        answer(request, r -> desk.checkIn(r, CallerContext.current()), response);
    }

    @Override
    public void getAttendance(GetAttendanceRequest request, StreamObserver<GetAttendanceResponse> response) {
        answer(request, r -> attendance.attendance(r, CallerContext.current()), response);
    }

    @Override
    public void getVerificationKeys(GetVerificationKeysRequest request, StreamObserver<GetVerificationKeysResponse> response) {
        answer(request, r -> office.verificationKeys(), response);
    }
}
