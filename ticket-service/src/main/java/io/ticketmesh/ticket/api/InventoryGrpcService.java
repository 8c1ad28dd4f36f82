package io.ticketmesh.ticket.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.proto.ticket.v1.ExtendHoldRequest;
import io.ticketmesh.proto.ticket.v1.ExtendHoldResponse;
import io.ticketmesh.proto.ticket.v1.GetHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetHoldResponse;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableRequest;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableResponse;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsResponse;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldResponse;
import io.ticketmesh.ticket.hold.HoldService;
import io.ticketmesh.ticket.inventory.SeatAvailabilityReader;
import org.springframework.stereotype.Service;

/**
 * InventoryService over gRPC. Not built yet (they answer the generated base's UNIMPLEMENTED): ConfirmHold,
 * ReleaseSeats, BlockSeats, UnblockSeats.
 */
@Service
public class InventoryGrpcService extends InventoryServiceGrpc.InventoryServiceImplBase {
    private final SeatAvailabilityReader availability;
    private final HoldService holds;

    public InventoryGrpcService(SeatAvailabilityReader availability, HoldService holds) {
        this.availability = availability;
        this.holds = holds;
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
}
