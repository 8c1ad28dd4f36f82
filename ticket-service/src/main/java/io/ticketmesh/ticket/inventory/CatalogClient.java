package io.ticketmesh.ticket.inventory;

import io.grpc.ManagedChannel;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.ListShowtimeSeatsRequest;
import io.ticketmesh.proto.event.v1.ListShowtimeSeatsResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.grpc.client.ChannelBuilderOptions;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** event-service's seat lists of published showtimes, page by page. */
@Component
public class CatalogClient {
    private static final int PAGE_SIZE = 5_000;
    private final ManagedChannel channel;

    public CatalogClient(GrpcChannelFactory channels, @Value("${ticketmesh.catalog.target}") String target) {
        this.channel = channels.createChannel(target, ChannelBuilderOptions.defaults()
                .withCustomizer((name, builder) -> builder.maxInboundMessageSize(32 * 1024 * 1024)));
    }

    /** Hands every page of the showtime's seats to {@code page}, first to last. */
    public void forEachSeatPage(String showtimeId, Consumer<ListShowtimeSeatsResponse> page) {
        String token = "";
        do {
            ListShowtimeSeatsResponse response = EventServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .listShowtimeSeats(ListShowtimeSeatsRequest.newBuilder().setShowtimeId(showtimeId).setPageSize(PAGE_SIZE)
                            .setPageToken(token).build());
            page.accept(response);
            token = response.getNextPageToken();
        } while (!token.isEmpty());
    }
}
