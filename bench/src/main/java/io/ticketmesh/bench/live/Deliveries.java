package io.ticketmesh.bench.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which holds the watchers saw and how long after the hold was sent: each hold is known by its first seat (a seat is
 * held again only long after its last hold's change went out), and each watcher that receives that seat as HELD
 * counts one delivery.
 */
final class Deliveries {
    private record Hold(long sentNanos, boolean measured, AtomicInteger receipts) {}

    private final Map<String, Hold> latestBySeat = new ConcurrentHashMap<>();
    private final List<Hold> measured = new ArrayList<>();
    private final AtomicLong gaps = new AtomicLong();
    private long[] latencies = new long[1 << 16];
    private int count;

    /** A hold of {@code seat} is being sent; {@code measure} when it is inside the measured window. */
    void sent(String seat, boolean measure) {
        Hold hold = new Hold(System.nanoTime(), measure, new AtomicInteger());
        latestBySeat.put(seat, hold);
        if (measure) {
            synchronized (measured) {
                measured.add(hold);
            }
        }
    }

    /** The hold was refused: no watcher will see it. */
    void refused(String seat) {
        Hold hold = latestBySeat.remove(seat);
        if (hold != null) {
            synchronized (measured) {
                measured.remove(hold);
            }
        }
    }

    /** A watcher saw {@code seat} become HELD. */
    void received(String seat) {
        Hold hold = latestBySeat.get(seat);
        if (hold == null) {
            return;
        }
        hold.receipts().incrementAndGet();
        if (hold.measured()) {
            record(System.nanoTime() - hold.sentNanos());
        }
    }

    /** A watcher's message did not follow the version it had. */
    void gap() {
        gaps.incrementAndGet();
    }

    private synchronized void record(long nanos) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = nanos;
    }

    /** The delivery latencies of the measured holds, sorted. */
    synchronized long[] sorted() {
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        return sorted;
    }

    int measuredHolds() {
        synchronized (measured) {
            return measured.size();
        }
    }

    /** Deliveries the measured holds still lack, for {@code watchers} watchers each. */
    long missed(int watchers) {
        synchronized (measured) {
            return measured.stream().mapToLong(hold -> Math.max(0, watchers - hold.receipts().get())).sum();
        }
    }

    long gaps() {
        return gaps.get();
    }
}
