package io.ticketmesh.booking.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.booking.waitingroom.WaitingRooms;
import io.ticketmesh.proto.waitingroom.v1.ConfigureRoomRequest;
import io.ticketmesh.proto.waitingroom.v1.ConfigureRoomResponse;
import io.ticketmesh.proto.waitingroom.v1.GetStatusRequest;
import io.ticketmesh.proto.waitingroom.v1.GetStatusResponse;
import io.ticketmesh.proto.waitingroom.v1.JoinRequest;
import io.ticketmesh.proto.waitingroom.v1.JoinResponse;
import io.ticketmesh.proto.waitingroom.v1.WaitingRoomServiceGrpc;
import org.springframework.stereotype.Service;

/** WaitingRoomService over gRPC. */
@Service
public class WaitingRoomGrpcService extends WaitingRoomServiceGrpc.WaitingRoomServiceImplBase {
    private final WaitingRooms rooms;

    public WaitingRoomGrpcService(WaitingRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public void join(JoinRequest request, StreamObserver<JoinResponse> response) {
        answer(request, rooms::join, response);
    }

    @Override
    public void getStatus(GetStatusRequest request, StreamObserver<GetStatusResponse> response) {
        answer(request, rooms::status, response);
    }

    @Override
    public void configureRoom(ConfigureRoomRequest request, StreamObserver<ConfigureRoomResponse> response) {
        answer(request, rooms::configure, response);
    }
}
