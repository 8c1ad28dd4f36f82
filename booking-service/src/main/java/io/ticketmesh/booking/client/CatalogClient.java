package io.ticketmesh.booking.client;

import io.grpc.ManagedChannel;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.Showtime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** event-service's showtimes: which organization sells one. Kept in memory, since a showtime never changes hands. */
@Component
public class CatalogClient {
    private final ManagedChannel channel;
    private final Participants participants;
    private final Map<String, String> organizations = new ConcurrentHashMap<>();

    public CatalogClient(GrpcChannelFactory channels, @Value("${ticketmesh.catalog.target}") String target, Participants participants) {
        this.channel = channels.createChannel(target);
        this.participants = participants;
    }

    public String organizationOf(String showtimeId) {
        return organizations.computeIfAbsent(showtimeId, id -> {
            Showtime showtime = participants.asService(EventServiceGrpc.newBlockingStub(channel), Duration.ofSeconds(5))
                    .getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(id).build()).getShowtime();
            return showtime.getOrganizationId();
        });
    }
}
