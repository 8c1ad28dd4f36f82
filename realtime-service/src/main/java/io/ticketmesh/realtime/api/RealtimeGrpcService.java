package io.ticketmesh.realtime.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.proto.realtime.v1.RealtimeServiceGrpc;
import io.ticketmesh.proto.realtime.v1.SeatChanges;
import io.ticketmesh.proto.realtime.v1.SeatSnapshot;
import io.ticketmesh.proto.realtime.v1.WatchShowtimeRequest;
import io.ticketmesh.proto.realtime.v1.WatchShowtimeResponse;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.realtime.feed.ShowtimeFeeds;
import io.ticketmesh.realtime.feed.Watcher;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * RealtimeService.WatchShowtime: the same feed as the WebSocket, as a server stream. The stream ends with the
 * map's error (NOT_FOUND for a showtime without inventory) or when the client cancels it. Public, like seat maps.
 */
@Service
public class RealtimeGrpcService extends RealtimeServiceGrpc.RealtimeServiceImplBase {
    private final ShowtimeFeeds feeds;

    public RealtimeGrpcService(ShowtimeFeeds feeds) {
        this.feeds = feeds;
    }

    @Override
    public void watchShowtime(WatchShowtimeRequest request, StreamObserver<WatchShowtimeResponse> response) {
        ServerCallStreamObserver<WatchShowtimeResponse> stream = (ServerCallStreamObserver<WatchShowtimeResponse>) response;
        ShowtimeFeeds.Subscription subscription = feeds.watch(request.getShowtimeId(), new StreamWatcher(stream));
        stream.setOnCancelHandler(subscription::cancel);
    }

    private record StreamWatcher(ServerCallStreamObserver<WatchShowtimeResponse> stream) implements Watcher {
        @Override
        public void snapshot(long version, Map<String, SeatState> seats) {
            SeatSnapshot.Builder snapshot = SeatSnapshot.newBuilder().setVersion(version);
            seats.forEach((seat, state) -> snapshot.addSeats(SeatStateChange.newBuilder().setSeatId(seat).setState(state)));
            send(WatchShowtimeResponse.newBuilder().setSnapshot(snapshot).build());
        }

        @Override
        public void changes(long version, long previousVersion, List<SeatStateChange> changes) {
            send(WatchShowtimeResponse.newBuilder().setChanges(SeatChanges.newBuilder().setVersion(version)
                    .setPreviousVersion(previousVersion).addAllChanges(changes)).build());
        }

        @Override
        public void failed(RuntimeException cause) {
            if (!stream.isCancelled()) {
                stream.onError(cause instanceof StatusRuntimeException grpc ? grpc
                        : Status.UNAVAILABLE.withDescription("the seat map cannot be loaded").asRuntimeException());
            }
        }

        private void send(WatchShowtimeResponse message) {
            if (!stream.isCancelled()) {
                stream.onNext(message);
            }
        }
    }
}
