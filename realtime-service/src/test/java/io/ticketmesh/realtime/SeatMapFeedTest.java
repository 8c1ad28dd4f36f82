package io.ticketmesh.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.proto.realtime.v1.RealtimeServiceGrpc;
import io.ticketmesh.proto.realtime.v1.SeatChanges;
import io.ticketmesh.proto.realtime.v1.WatchShowtimeRequest;
import io.ticketmesh.proto.realtime.v1.WatchShowtimeResponse;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.realtime.feed.ShowtimeFeeds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live seat maps over the WebSocket and the gRPC stream, fed by changes published on Redis as workers publish them,
 * from a snapshot of ticket-service (a stand-in here): the snapshot first, then each change with the version it
 * follows; a later watcher gets the map as it is now from memory; a showtime without inventory is an error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SeatMapFeedTest {
    private static final int HTTP_PORT = FreePorts.next();
    private static final int GRPC_PORT = FreePorts.next();
    private static final InventoryStandIn INVENTORY = new InventoryStandIn();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ManagedChannel CHANNEL = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "realtime");
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("ticketmesh.inventory.target", INVENTORY::target);
    }

    @AfterAll
    static void stop() {
        CHANNEL.shutdownNow();
        INVENTORY.stop();
    }

    @Autowired
    RedissonClient redis;
    @Autowired
    ShowtimeFeeds feeds;

    @Test
    void aSocketGetsTheSnapshotThenEachChangeAndALaterOneTheMapAsItIsNow() throws Exception {
        String showtime = UUID.randomUUID().toString();
        List<String> seats = INVENTORY.register(showtime, 3, 5);
        int readsBefore = INVENTORY.reads.get();
        Socket first = Socket.open(showtime);
        JsonNode snapshot = first.next();
        assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
        assertThat(snapshot.path("version").asLong()).isEqualTo(5);
        assertThat(snapshot.path("seats").valueStream().map(s -> s.path("seat_id").asString()).toList()).isEqualTo(seats);
        assertThat(snapshot.path("seats").valueStream().map(s -> s.path("state").asString())).containsOnly("AVAILABLE");

        publish(showtime, 7, change(seats.get(0), SeatState.SEAT_STATE_HELD), change(UUID.randomUUID().toString(), SeatState.SEAT_STATE_HELD));
        JsonNode held = first.next();
        assertThat(held.path("type").asString()).isEqualTo("seats");
        assertThat(held.path("version").asLong()).isEqualTo(7);
        assertThat(held.path("previous_version").asLong()).isEqualTo(5);
        assertThat(held.path("changes").valueStream().map(c -> c.path("seat_id").asString() + "=" + c.path("state").asString()).toList())
                .as("a place the map does not have (standing) is left out").containsExactly(seats.get(0) + "=HELD");
        publish(showtime, 9, change(seats.get(0), SeatState.SEAT_STATE_SOLD), change(seats.get(2), SeatState.SEAT_STATE_BLOCKED));
        assertThat(first.next().path("previous_version").asLong()).isEqualTo(7);

        Socket second = Socket.open(showtime);
        JsonNode now = second.next();
        assertThat(now.path("version").asLong()).isEqualTo(9);
        assertThat(now.path("seats").valueStream().map(s -> s.path("state").asString()).toList()).containsExactly("SOLD", "AVAILABLE", "BLOCKED");
        assertThat(INVENTORY.reads.get() - readsBefore).as("the second watcher is served from memory").isEqualTo(1);

        first.close();
        second.close();
        awaitWatched(0);
    }

    @Test
    void standingAreasAreCountedFromTheirPlacesChanges() throws Exception {
        String showtime = UUID.randomUUID().toString();
        InventoryStandIn.Floor floor = INVENTORY.registerWithFloor(showtime, 2, 5, 3);
        Socket socket = Socket.open(showtime);
        JsonNode snapshot = socket.next();
        assertThat(snapshot.path("seats").valueStream().map(s -> s.path("seat_id").asString()).toList()).as("numbered seats only")
                .isEqualTo(floor.seats());
        assertThat(counts(snapshot)).isEqualTo("Floor \"A\" 5: 5 available, 0 held, 0 sold");
        assertThat(snapshot.path("standing").get(0).path("section_id").asString()).isEqualTo(floor.sectionId());

        publish(showtime, 4, change(floor.places().get(0), SeatState.SEAT_STATE_HELD), change(floor.places().get(1), SeatState.SEAT_STATE_HELD));
        JsonNode held = socket.next();
        assertThat(held.path("changes").isEmpty()).as("places are not seats").isTrue();
        assertThat(counts(held)).isEqualTo("Floor \"A\" 5: 3 available, 2 held, 0 sold");

        publish(showtime, 5, change(floor.places().get(0), SeatState.SEAT_STATE_SOLD), change(floor.seats().get(0), SeatState.SEAT_STATE_HELD));
        JsonNode sold = socket.next();
        assertThat(sold.path("changes").valueStream().map(c -> c.path("seat_id").asString()).toList()).containsExactly(floor.seats().get(0));
        assertThat(counts(sold)).isEqualTo("Floor \"A\" 5: 3 available, 1 held, 1 sold");

        publish(showtime, 6, change(floor.places().get(1), SeatState.SEAT_STATE_HELD));
        JsonNode again = socket.next();
        assertThat(again.path("previous_version").asLong()).as("a change of nothing still moves the version: no false gap").isEqualTo(5);
        assertThat(again.has("standing")).as("no count moved").isFalse();

        Socket later = Socket.open(showtime);
        assertThat(counts(later.next())).isEqualTo("Floor \"A\" 5: 3 available, 1 held, 1 sold");
        socket.close();
        later.close();
        awaitWatched(0);
    }

    private static String counts(JsonNode message) {
        JsonNode area = message.path("standing").get(0);
        return area.path("section").asString() + " " + area.path("capacity").asInt() + ": " + area.path("available").asInt() + " available, "
                + area.path("held").asInt() + " held, " + area.path("sold").asInt() + " sold";
    }

    @Test
    void theGrpcStreamCarriesTheSameFeed() throws Exception {
        String showtime = UUID.randomUUID().toString();
        List<String> seats = INVENTORY.register(showtime, 2, 11);
        Context.CancellableContext watching = Context.current().withCancellation();
        Iterator<WatchShowtimeResponse> stream = watching.call(() -> RealtimeServiceGrpc.newBlockingStub(CHANNEL)
                .withDeadlineAfter(30, TimeUnit.SECONDS).watchShowtime(WatchShowtimeRequest.newBuilder().setShowtimeId(showtime).build()));
        WatchShowtimeResponse first = stream.next();
        assertThat(first.getSnapshot().getVersion()).isEqualTo(11);
        assertThat(first.getSnapshot().getSeatsList()).extracting(SeatStateChange::getSeatId).isEqualTo(seats);
        awaitWatched(1);
        publish(showtime, 12, change(seats.get(1), SeatState.SEAT_STATE_HELD));
        SeatChanges changes = stream.next().getChanges();
        assertThat(changes.getVersion()).isEqualTo(12);
        assertThat(changes.getPreviousVersion()).isEqualTo(11);
        assertThat(changes.getChangesList()).containsExactly(change(seats.get(1), SeatState.SEAT_STATE_HELD));
        watching.cancel(null);
        awaitWatched(0);
    }

    @Test
    void aShowtimeWithoutInventoryOrAnIdThatIsNoneIsAnError() throws Exception {
        String unknown = UUID.randomUUID().toString();
        Socket socket = Socket.open(unknown);
        JsonNode error = socket.next();
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1011);

        Socket bad = Socket.open("not-an-id");
        assertThat(bad.next().path("code").asString()).isEqualTo("VALIDATION_FAILED");

        var stream = RealtimeServiceGrpc.newBlockingStub(CHANNEL).withDeadlineAfter(30, TimeUnit.SECONDS)
                .watchShowtime(WatchShowtimeRequest.newBuilder().setShowtimeId(unknown).build());
        try {
            stream.next();
            throw new AssertionError("the stream did not fail");
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    private void publish(String showtime, long version, SeatStateChange... changes) {
        redis.getTopic(ShowtimeFeeds.CHANNEL_PREFIX + showtime, ByteArrayCodec.INSTANCE)
                .publish(SeatChanges.newBuilder().setVersion(version).addAllChanges(List.of(changes)).build().toByteArray());
    }

    private static SeatStateChange change(String seat, SeatState state) {
        return SeatStateChange.newBuilder().setSeatId(seat).setState(state).build();
    }

    private void awaitWatched(int showtimes) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (feeds.watched() != showtimes) {
            assertThat(System.currentTimeMillis()).as("showtimes watched: " + feeds.watched()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** A WebSocket client keeping every text message it receives. */
    private static final class Socket implements WebSocket.Listener {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        final java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        private WebSocket socket;

        static Socket open(String showtimeId) {
            Socket listener = new Socket();
            listener.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + HTTP_PORT + "/ws/showtimes/" + showtimeId), listener).join();
            return listener;
        }

        JsonNode next() throws InterruptedException {
            String message = messages.poll(30, TimeUnit.SECONDS);
            assertThat(message).as("a message on the socket").isNotNull();
            return JSON.readTree(message);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
