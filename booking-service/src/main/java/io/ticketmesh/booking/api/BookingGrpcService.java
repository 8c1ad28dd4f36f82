package io.ticketmesh.booking.api;

import io.ticketmesh.proto.booking.v1.BookingServiceGrpc;
import org.springframework.stereotype.Service;

/**
 * BookingService (ticketmesh.booking.v1.BookingService) on this service's gRPC server. Its RPCs are built by issue #6 (bookings and payments); until then each one answers
 * with the generated base's status, UNIMPLEMENTED, after the platform has authenticated and validated the call.
 */
@Service
public class BookingGrpcService extends BookingServiceGrpc.BookingServiceImplBase {
}
