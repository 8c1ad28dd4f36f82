package io.ticketmesh.ticket.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.proto.ticket.v1.BlockSeatsRequest;
import io.ticketmesh.proto.ticket.v1.BlockSeatsResponse;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldRequest;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldResponse;
import io.ticketmesh.proto.ticket.v1.ExtendHoldRequest;
import io.ticketmesh.proto.ticket.v1.ExtendHoldResponse;
import io.ticketmesh.proto.ticket.v1.GetHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetHoldResponse;
import io.ticketmesh.proto.ticket.v1.GetPresaleRequest;
import io.ticketmesh.proto.ticket.v1.GetPresaleResponse;
import io.ticketmesh.proto.ticket.v1.IssuePresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.IssuePresaleCodesResponse;
import io.ticketmesh.proto.ticket.v1.ListPresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.ListPresaleCodesResponse;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableRequest;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableResponse;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsResponse;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldResponse;
import io.ticketmesh.proto.ticket.v1.ReleaseSeatsRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseSeatsResponse;
import io.ticketmesh.proto.ticket.v1.SetPresaleRequest;
import io.ticketmesh.proto.ticket.v1.SetPresaleResponse;
import io.ticketmesh.proto.ticket.v1.UnblockSeatsRequest;
import io.ticketmesh.proto.ticket.v1.UnblockSeatsResponse;
import io.ticketmesh.proto.ticket.v1.WithdrawPresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.WithdrawPresaleCodesResponse;
import io.ticketmesh.ticket.admission.PresaleCodes;
import io.ticketmesh.ticket.admission.Presales;
import io.ticketmesh.ticket.hold.HoldService;
import io.ticketmesh.ticket.hold.HouseSeats;
import io.ticketmesh.ticket.hold.SaleLedger;
import io.ticketmesh.ticket.inventory.SeatAvailabilityReader;
import org.springframework.stereotype.Service;

/** InventoryService over gRPC. */
@Service
public class InventoryGrpcService extends InventoryServiceGrpc.InventoryServiceImplBase {
    private final SeatAvailabilityReader availability;
    private final HoldService holds;
    private final SaleLedger sales;
    private final HouseSeats house;
    private final Presales presales;
    private final PresaleCodes presaleCodes;

    public InventoryGrpcService(SeatAvailabilityReader availability, HoldService holds, SaleLedger sales, HouseSeats house, Presales presales,
                                PresaleCodes presaleCodes) {
        this.availability = availability;
        this.holds = holds;
        this.sales = sales;
        this.house = house;
        this.presales = presales;
        this.presaleCodes = presaleCodes;
    }

    @Override
    public void getSeatAvailability(GetSeatAvailabilityRequest request, StreamObserver<GetSeatAvailabilityResponse> response) {
        answer(request, availability::read, response);
    }

    @Override
    public void holdSeats(HoldSeatsRequest request, StreamObserver<HoldSeatsResponse> response) {
        answer(request, holds::hold, response);
    }

    @Override
    public void holdBestAvailable(HoldBestAvailableRequest request, StreamObserver<HoldBestAvailableResponse> response) {
        answer(request, holds::holdBestAvailable, response);
    }

    @Override
    public void getHold(GetHoldRequest request, StreamObserver<GetHoldResponse> response) {
        answer(request, holds::get, response);
    }

    @Override
    public void extendHold(ExtendHoldRequest request, StreamObserver<ExtendHoldResponse> response) {
        answer(request, holds::extend, response);
    }

    @Override
    public void releaseHold(ReleaseHoldRequest request, StreamObserver<ReleaseHoldResponse> response) {
        answer(request, holds::release, response);
    }

    @Override
    public void confirmHold(ConfirmHoldRequest request, StreamObserver<ConfirmHoldResponse> response) {
        answer(request, r -> sales.confirm(r, CallerContext.current().requireAuthenticated()), response);
    }

    @Override
    public void releaseSeats(ReleaseSeatsRequest request, StreamObserver<ReleaseSeatsResponse> response) {
        answer(request, r -> sales.release(r, CallerContext.current().requireAuthenticated()), response);
    }

    @Override
    public void blockSeats(BlockSeatsRequest request, StreamObserver<BlockSeatsResponse> response) {
        answer(request, r -> house.block(r, CallerContext.current().requireAuthenticated()), response);
    }

    @Override
    public void unblockSeats(UnblockSeatsRequest request, StreamObserver<UnblockSeatsResponse> response) {
        answer(request, r -> house.unblock(r, CallerContext.current().requireAuthenticated()), response);
    }

    @Override
    public void setPresale(SetPresaleRequest request, StreamObserver<SetPresaleResponse> response) {
        answer(request, r -> presales.set(r, CallerContext.current().requireAuthenticated()), response);
    }

    @Override
    public void getPresale(GetPresaleRequest request, StreamObserver<GetPresaleResponse> response) {
        answer(request, r -> presales.get(r, CallerContext.current()), response);
    }

    @Override
    public void issuePresaleCodes(IssuePresaleCodesRequest request, StreamObserver<IssuePresaleCodesResponse> response) {
        answer(request, r -> presaleCodes.issue(r, CallerContext.current().requireAuthenticated()), response);
    }

    @Override
    public void listPresaleCodes(ListPresaleCodesRequest request, StreamObserver<ListPresaleCodesResponse> response) {
        answer(request, r -> presaleCodes.list(r, CallerContext.current().requireAuthenticated()), response);
    }

    @Override
    public void withdrawPresaleCodes(WithdrawPresaleCodesRequest request, StreamObserver<WithdrawPresaleCodesResponse> response) {
        answer(request, r -> presaleCodes.withdraw(r, CallerContext.current().requireAuthenticated()), response);
    }
}
