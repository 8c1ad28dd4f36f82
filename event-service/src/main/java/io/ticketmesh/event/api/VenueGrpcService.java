package io.ticketmesh.event.api;

import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import org.springframework.stereotype.Service;

/**
 * VenueService (ticketmesh.event.v1.VenueService) on this service's gRPC server. Its RPCs are built by issue #4 (catalog); until then each one answers
 * with the generated base's status, UNIMPLEMENTED, after the platform has authenticated and validated the call.
 */
@Service
public class VenueGrpcService extends VenueServiceGrpc.VenueServiceImplBase {
}
