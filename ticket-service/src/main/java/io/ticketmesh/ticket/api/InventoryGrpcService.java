package io.ticketmesh.ticket.api;

import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import org.springframework.stereotype.Service;

/**
 * InventoryService (ticketmesh.ticket.v1.InventoryService) on this service's gRPC server. Its RPCs are built by issue #5 (inventory, holds, tickets); until then each one answers
 * with the generated base's status, UNIMPLEMENTED, after the platform has authenticated and validated the call.
 */
@Service
public class InventoryGrpcService extends InventoryServiceGrpc.InventoryServiceImplBase {
}
