package io.ticketmesh.ticket;

import io.grpc.Channel;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.platform.testing.GrpcServiceStartupContract;
import java.util.List;
import java.util.Set;

class TicketServiceStartupTest extends GrpcServiceStartupContract {
    @Override
    protected List<String> apiServices() {
        return List.of("ticketmesh.ticket.v1.InventoryService", "ticketmesh.ticket.v1.TicketService");
    }

    @Override
    protected void callWithInvalidRequest(Channel channel) {
        InventoryServiceGrpc.newBlockingStub(channel).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId("nope").build());
    }

    @Override
    protected Set<String> ownedTopics() {
        return Set.of("ticketmesh.inventory.seats", "ticketmesh.inventory.sales", "ticketmesh.tickets");
    }
}
