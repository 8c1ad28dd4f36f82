package io.ticketmesh.event;

import io.grpc.Channel;
import io.ticketmesh.platform.testing.GrpcServiceStartupContract;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import java.util.List;
import java.util.Set;

class EventServiceStartupTest extends GrpcServiceStartupContract {
    @Override
    protected List<String> apiServices() {
        return List.of("ticketmesh.event.v1.EventService", "ticketmesh.event.v1.VenueService");
    }

    @Override
    protected void callWithInvalidRequest(Channel channel) {
        VenueServiceGrpc.newBlockingStub(channel).getVenue(GetVenueRequest.newBuilder().setVenueId("not-a-uuid").build());
    }

    @Override
    protected Set<String> ownedTopics() {
        return Set.of("ticketmesh.catalog.showtimes");
    }
}
