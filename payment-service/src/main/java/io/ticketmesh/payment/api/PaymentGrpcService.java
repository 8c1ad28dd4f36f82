package io.ticketmesh.payment.api;

import io.ticketmesh.proto.payment.v1.PaymentServiceGrpc;
import org.springframework.stereotype.Service;

/**
 * PaymentService (ticketmesh.payment.v1.PaymentService) on this service's gRPC server. Its RPCs are built by issue #6 (bookings and payments); until then each one answers
 * with the generated base's status, UNIMPLEMENTED, after the platform has authenticated and validated the call.
 */
@Service
public class PaymentGrpcService extends PaymentServiceGrpc.PaymentServiceImplBase {
}
