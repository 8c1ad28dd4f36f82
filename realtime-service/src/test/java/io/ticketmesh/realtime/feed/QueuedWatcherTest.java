package io.ticketmesh.realtime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A watcher's own queue: the feed never waits for a client, order is kept, and a client too far behind is let go. */
class QueuedWatcherTest {
    private static final List<SeatStateChange> CHANGE = List.of(SeatStateChange.newBuilder().setSeatId("s1")
            .setState(SeatState.SEAT_STATE_HELD).build());

    @Test
    void theFeedNeverWaitsForASlowClientAndEveryMessageArrivesInOrder() throws Exception {
        Recording sink = new Recording();
        sink.gate = new CountDownLatch(1);
        QueuedWatcher watcher = new QueuedWatcher(sink, 100, left -> sink.messages.add("left"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            watcher.snapshot(1, Map.of("s1", SeatState.SEAT_STATE_AVAILABLE), List.of());
            for (int version = 2; version <= 50; version++) {
                watcher.changes(version, version - 1, CHANGE, List.of());
            }
        }, "queuing waited for the blocked client");
        sink.gate.countDown();
        assertThat(sink.next()).isEqualTo("snapshot 1");
        for (int version = 2; version <= 50; version++) {
            assertThat(sink.next()).isEqualTo("changes " + version + " after " + (version - 1));
        }
        assertThat(sink.messages.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aClientTooFarBehindIsToldAndLetGo() throws Exception {
        Recording sink = new Recording();
        sink.gate = new CountDownLatch(1);
        QueuedWatcher watcher = new QueuedWatcher(sink, 10, left -> sink.messages.add("left"));
        watcher.changes(1, 0, CHANGE, List.of());
        sink.entered.await(10, TimeUnit.SECONDS);
        for (int version = 2; version <= 12; version++) {
            watcher.changes(version, version - 1, CHANGE, List.of());
        }
        watcher.changes(13, 12, CHANGE, List.of());
        sink.gate.countDown();

        assertThat(sink.next()).as("the message it was stuck in").isEqualTo("changes 1 after 0");
        assertThat(sink.next()).startsWith("failed UNAVAILABLE").contains("10 messages behind");
        assertThat(sink.next()).isEqualTo("left");
        assertThat(sink.messages.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aClientThatCannotTakeAMessageEndsWithWhyAndGetsNothingMore() throws Exception {
        Recording sink = new Recording();
        sink.refuse = Status.UNAVAILABLE.withDescription("send timed out").asRuntimeException();
        QueuedWatcher watcher = new QueuedWatcher(sink, 100, left -> sink.messages.add("left"));
        watcher.changes(1, 0, CHANGE, List.of());
        assertThat(sink.next()).isEqualTo("failed UNAVAILABLE: send timed out");
        assertThat(sink.next()).isEqualTo("left");
        watcher.changes(2, 1, CHANGE, List.of());
        watcher.failed(new IllegalStateException("the map cannot be loaded"));
        assertThat(sink.messages.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aClientWhoseSendFailsWithAnErrorIsStillToldAndLetGo() throws Exception {
        Recording sink = new Recording();
        sink.refuse = new StackOverflowError("deep");
        QueuedWatcher watcher = new QueuedWatcher(sink, 100, left -> sink.messages.add("left"));
        watcher.changes(1, 0, CHANGE, List.of());
        assertThat(sink.next()).isEqualTo("failed INTERNAL: the seat map could not be sent");
        assertThat(sink.next()).isEqualTo("left");
    }

    /** A sink that writes down what it is given; it may hold the first message until {@code gate} opens, or refuse changes. */
    private static final class Recording implements Watcher {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile Throwable refuse;

        @Override
        public void snapshot(long version, Map<String, SeatState> seats, List<StandingAvailability> standing) {
            hold();
            messages.add("snapshot " + version);
        }

        @Override
        public void changes(long version, long previousVersion, List<SeatStateChange> changes, List<StandingAvailability> standing) {
            hold();
            if (refuse instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (refuse instanceof Error error) {
                throw error;
            }
            messages.add("changes " + version + " after " + previousVersion);
        }

        @Override
        public void failed(RuntimeException cause) {
            messages.add("failed " + (cause instanceof StatusRuntimeException grpc ? grpc.getStatus().getCode() + ": "
                    + grpc.getStatus().getDescription() : cause.toString()));
        }

        private void hold() {
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }
    }
}
