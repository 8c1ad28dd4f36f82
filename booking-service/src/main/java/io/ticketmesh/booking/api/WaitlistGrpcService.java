package io.ticketmesh.booking.api;

import io.ticketmesh.proto.waitlist.v1.WaitlistServiceGrpc;
import org.springframework.stereotype.Service;

/**
 * WaitlistService (ticketmesh.waitlist.v1.WaitlistService) on this service's gRPC server. Its RPCs are built by issue #6 (bookings and payments); until then each one answers
 * with the generated base's status, UNIMPLEMENTED, after the platform has authenticated and validated the call.
 */
@Service
public class WaitlistGrpcService extends WaitlistServiceGrpc.WaitlistServiceImplBase {
}
