package io.ticketmesh.realtime.feed;

import io.grpc.Status;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watcher fed through its own queue by its own virtual thread, so that a client slow to take its messages slows no
 * one else: the feed only queues (under its lock), and one thread at a time delivers this watcher's messages to its
 * sink (the socket or stream), in order. A client more than {@code limit} messages behind has its queue dropped and
 * is told it fell behind ({@code failed} with UNAVAILABLE, after whatever send it is stuck in): it connects again and
 * gets a fresh snapshot. A sink that throws (a send timed out) ends the same way, with what it threw (INTERNAL for an
 * {@link Error}, which would otherwise end the thread with the watcher silent and never gone). Nothing follows
 * a {@code failed}; then the watcher leaves its feed.
 */
final class QueuedWatcher implements Watcher {
    private static final Logger log = LoggerFactory.getLogger(QueuedWatcher.class);
    private final Watcher sink;
    private final int limit;
    private final Consumer<QueuedWatcher> left;
    private final ArrayDeque<Consumer<Watcher>> queue = new ArrayDeque<>();
    private boolean delivering;
    private boolean ended;

    /** {@code left} is told, on this watcher's thread, once its last message is delivered: it stops feeding it. */
    QueuedWatcher(Watcher sink, int limit, Consumer<QueuedWatcher> left) {
        this.sink = sink;
        this.limit = limit;
        this.left = left;
    }

    @Override
    public void snapshot(long version, Map<String, SeatState> seats, List<StandingAvailability> standing) {
        enqueue(sink -> sink.snapshot(version, seats, standing));
    }

    @Override
    public void changes(long version, long previousVersion, List<SeatStateChange> changes, List<StandingAvailability> standing) {
        enqueue(sink -> sink.changes(version, previousVersion, changes, standing));
    }

    @Override
    public void failed(RuntimeException cause) {
        end(cause);
    }

    private synchronized void enqueue(Consumer<Watcher> delivery) {
        if (ended) {
            return;
        }
        if (queue.size() >= limit) {
            end(Status.UNAVAILABLE.withDescription("this client fell " + limit + " messages behind the seat map; watch again for a fresh one")
                    .asRuntimeException());
            return;
        }
        queue.add(delivery);
        startDelivering();
    }

    /** The last message: whatever waits is dropped (the client would have to reload anyway). */
    private synchronized void end(RuntimeException cause) {
        if (ended) {
            return;
        }
        ended = true;
        queue.clear();
        queue.add(sink -> sink.failed(cause));
        queue.add(sink -> left.accept(this));
        startDelivering();
    }

    private void startDelivering() {
        if (!delivering) {
            delivering = true;
            Thread.ofVirtual().name("watcher").start(this::deliver);
        }
    }

    private void deliver() {
        while (true) {
            Consumer<Watcher> next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    delivering = false;
                    return;
                }
            }
            try {
                next.accept(sink);
            } catch (RuntimeException e) {
                // the client cannot take it: what waits is dropped, and it is told (when it still can be)
                log.debug("a seat map watcher could not take a message", e);
                end(e);
            } catch (Error e) {
                // this thread carries on, so the watcher is still told and leaves rather than falling silent
                log.warn("a seat map watcher's send failed", e);
                end(Status.INTERNAL.withDescription("the seat map could not be sent").withCause(e).asRuntimeException());
            }
        }
    }
}
