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
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import io.ticketmesh.realtime.feed.ShowtimeFeeds;
import io.ticketmesh.realtime.feed.Watcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Service;

/**
 * RealtimeService.WatchShowtime: the same feed as the WebSocket, as a server stream. The stream ends with the
 * map's error (NOT_FOUND for a showtime without inventory) or when the client cancels it. Public, like seat maps.
 * Messages go out as the client's flow control lets them (a message waits until the stream is ready, rather than
 * piling up in the transport); a client that takes none for {@value #SEND_TIMEOUT_MS} ms, or falls too far behind,
 * gets UNAVAILABLE and watches again for a fresh snapshot.
 */
@Service
public class RealtimeGrpcService extends RealtimeServiceGrpc.RealtimeServiceImplBase {
    static final long SEND_TIMEOUT_MS = 10_000;
    private final ShowtimeFeeds feeds;

    public RealtimeGrpcService(ShowtimeFeeds feeds) {
        this.feeds = feeds;
    }

    @Override
    public void watchShowtime(WatchShowtimeRequest request, StreamObserver<WatchShowtimeResponse> response) {
        ServerCallStreamObserver<WatchShowtimeResponse> stream = (ServerCallStreamObserver<WatchShowtimeResponse>) response;
        StreamWatcher watcher = new StreamWatcher(stream);
        stream.setOnReadyHandler(watcher::ready);
        ShowtimeFeeds.Subscription subscription = feeds.watch(request.getShowtimeId(), watcher);
        stream.setOnCancelHandler(subscription::cancel);
    }

    /** Writes the feed to one stream, from one thread at a time (the feed's watcher thread), as flow control allows. */
    private static final class StreamWatcher implements Watcher {
        private final ServerCallStreamObserver<WatchShowtimeResponse> stream;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition readied = lock.newCondition();

        StreamWatcher(ServerCallStreamObserver<WatchShowtimeResponse> stream) {
            this.stream = stream;
        }

        /** The transport can take more (gRPC's on-ready callback). */
        void ready() {
            lock.lock();
            try {
                readied.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void snapshot(long version, Map<String, SeatState> seats, List<StandingAvailability> standing) {
            SeatSnapshot.Builder snapshot = SeatSnapshot.newBuilder().setVersion(version).addAllStanding(standing);
            seats.forEach((seat, state) -> snapshot.addSeats(SeatStateChange.newBuilder().setSeatId(seat).setState(state)));
            send(WatchShowtimeResponse.newBuilder().setSnapshot(snapshot).build());
        }

        @Override
        public void changes(long version, long previousVersion, List<SeatStateChange> changes, List<StandingAvailability> standing) {
            send(WatchShowtimeResponse.newBuilder().setChanges(SeatChanges.newBuilder().setVersion(version)
                    .setPreviousVersion(previousVersion).addAllChanges(changes).addAllStanding(standing)).build());
        }

        @Override
        public void failed(RuntimeException cause) {
            if (!stream.isCancelled()) {
                stream.onError(cause instanceof StatusRuntimeException grpc ? grpc
                        : Status.UNAVAILABLE.withDescription("the seat map cannot be loaded").asRuntimeException());
            }
        }

        private void send(WatchShowtimeResponse message) {
            if (stream.isCancelled()) {
                return;
            }
            if (!awaitReady()) {
                throw Status.UNAVAILABLE.withDescription("this client took no message for " + SEND_TIMEOUT_MS + " ms").asRuntimeException();
            }
            stream.onNext(message);
        }

        /** Waits until the stream can take a message, the time limit at most; whether it can. */
        private boolean awaitReady() {
            long nanos = TimeUnit.MILLISECONDS.toNanos(SEND_TIMEOUT_MS);
            lock.lock();
            try {
                while (!stream.isReady() && !stream.isCancelled()) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = readied.awaitNanos(nanos);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }
}
