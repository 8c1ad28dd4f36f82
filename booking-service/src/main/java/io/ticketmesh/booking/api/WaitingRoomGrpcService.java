package io.ticketmesh.booking.api;

import io.ticketmesh.proto.waitingroom.v1.WaitingRoomServiceGrpc;
import org.springframework.stereotype.Service;

/**
 * WaitingRoomService (ticketmesh.waitingroom.v1.WaitingRoomService) on this service's gRPC server. Its RPCs are built by issue #6 (bookings and payments); until then each one answers
 * with the generated base's status, UNIMPLEMENTED, after the platform has authenticated and validated the call.
 */
@Service
public class WaitingRoomGrpcService extends WaitingRoomServiceGrpc.WaitingRoomServiceImplBase {
}
