package io.ticketmesh.realtime.api;

import io.ticketmesh.proto.realtime.v1.RealtimeServiceGrpc;
import org.springframework.stereotype.Service;

/**
 * RealtimeService (ticketmesh.realtime.v1.RealtimeService) on this service's gRPC server. Its RPCs are built by issue a later issue (realtime seat maps); until then each one answers
 * with the generated base's status, UNIMPLEMENTED, after the platform has authenticated and validated the call.
 */
@Service
public class RealtimeGrpcService extends RealtimeServiceGrpc.RealtimeServiceImplBase {
}
