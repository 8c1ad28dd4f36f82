package io.ticketmesh.ticket.batch;

import io.micrometer.core.instrument.DistributionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gathers orders that arrive while their lane's previous batch is being decided, and hands them to {@code decide}
 * together: under load one transaction, one commit and one statement per step serve dozens of orders instead of
 * one, while an order on an idle lane goes alone, at once. Each lane (one per key) has one batch in flight at a
 * time in this process, decided on a virtual thread; callers block for their own order's outcome. A lane is dropped
 * once its queue is empty, so a process keeps none for the showtimes it no longer sells (an order that raced the drop
 * still goes through, on the dropped lane or a new one: at worst two batches of a key at once, as with two processes).
 */
public final class BatchLanes<K, O, R> {
    /** Decides a batch of orders of one lane; returns their outcomes in the orders' order. */
    public interface Decision<K, O, R> {
        List<Decided<R>> decide(K key, List<O> orders);
    }

    private record Waiting<O, R>(O order, CompletableFuture<Decided<R>> outcome) {}

    private static final class Lane<O, R> {
        final Queue<Waiting<O, R>> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
    }

    private final Map<K, Lane<O, R>> lanes = new ConcurrentHashMap<>();
    private final String name;
    private final int maxBatch;
    private final Decision<K, O, R> decision;
    private final DistributionSummary batchSizes;

    public BatchLanes(String name, int maxBatch, Decision<K, O, R> decision, DistributionSummary batchSizes) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.decision = decision;
        this.batchSizes = batchSizes;
    }

    /** Lanes with orders queued or a batch in flight. */
    public int openLanes() {
        return lanes.size();
    }

    /** The order's response, or its refusal thrown; blocks until its batch has committed or failed. */
    public R submit(K key, O order) {
        Waiting<O, R> waiting = new Waiting<>(order, new CompletableFuture<>());
        Lane<O, R> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
        lane.queue.add(waiting);
        if (lane.draining.compareAndSet(false, true)) {
            Thread.ofVirtual().name(name + "-" + key).start(() -> drain(key, lane));
        }
        try {
            return waiting.outcome().join().responseOrThrow();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private void drain(K key, Lane<O, R> lane) {
        while (true) {
            List<Waiting<O, R>> next = new ArrayList<>();
            for (Waiting<O, R> waiting; next.size() < maxBatch && (waiting = lane.queue.poll()) != null; ) {
                next.add(waiting);
            }
            if (!next.isEmpty()) {
                decide(key, next);
                continue;
            }
            lane.draining.set(false);
            if (lane.queue.isEmpty()) {
                lanes.remove(key, lane);
                return;
            }
            // an order added after the poll above found this drainer still running: take it on unless another has
            if (!lane.draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void decide(K key, List<Waiting<O, R>> waiting) {
        batchSizes.record(waiting.size());
        try {
            List<Decided<R>> outcomes = decision.decide(key, waiting.stream().map(Waiting::order).toList());
            for (int i = 0; i < waiting.size(); i++) {
                waiting.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException | Error e) {
            waiting.forEach(w -> w.outcome().completeExceptionally(e));
        }
    }
}
