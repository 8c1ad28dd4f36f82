package io.ticketmesh.realtime;

import io.grpc.Channel;
import io.ticketmesh.proto.realtime.v1.RealtimeServiceGrpc;
import io.ticketmesh.proto.realtime.v1.WatchShowtimeRequest;
import io.ticketmesh.platform.testing.GrpcServiceStartupContract;
import java.util.List;

class RealtimeServiceStartupTest extends GrpcServiceStartupContract {
    @Override
    protected List<String> apiServices() {
        return List.of("ticketmesh.realtime.v1.RealtimeService");
    }

    @Override
    protected void callWithInvalidRequest(Channel channel) {
        RealtimeServiceGrpc.newBlockingStub(channel).watchShowtime(WatchShowtimeRequest.newBuilder().setShowtimeId("nope").build()).hasNext();
    }
}
