package io.ticketmesh.platform.outbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Where a relay's claim starts in the outbox's key: the lowest id that may still be waiting. The outbox is a queue
 * whose head is a run of deleted rows until vacuum removes them, and each index entry there costs a visit to its row
 * while any transaction older than the delete runs (under load the relay's own, waiting for Kafka's
 * acknowledgements, keeps that so): a claim starting at the head re-read thousands of dead rows every round, and
 * took half of PostgreSQL's CPU in the holds benchmark.
 *
 * <p>Ids come from a sequence as rows are inserted, and a row is seen only when its transaction commits, so a row
 * can appear below ids already published (a straggler). The floor therefore trails what this relay published by
 * {@link #SETTLE}: a transaction that inserts an event commits or rolls back well within that, so everything below an
 * id published that long ago is gone. A straggler from a transaction that took longer is not lost: every
 * {@link #RESCAN} a round starts at the head again. Not thread-safe: the relay's thread alone uses it.
 */
final class OutboxFloor {
    static final Duration SETTLE = Duration.ofSeconds(2);
    static final Duration RESCAN = Duration.ofSeconds(10);
    /** The claim of a round that starts at the head of the table. */
    static final long HEAD = 0;

    private final long settleNanos;
    private final long rescanNanos;
    private final LongSupplier nanoTime;
    /** Rounds not yet settled, oldest first: when each committed, and the highest id it published. */
    private final ArrayDeque<long[]> rounds = new ArrayDeque<>();
    private long floor = HEAD;
    private long lastFromHead;

    OutboxFloor() {
        this(SETTLE, RESCAN, System::nanoTime);
    }

    OutboxFloor(Duration settle, Duration rescan, LongSupplier nanoTime) {
        this.settleNanos = settle.toNanos();
        this.rescanNanos = rescan.toNanos();
        this.nanoTime = nanoTime;
        this.lastFromHead = nanoTime.getAsLong();
    }

    /** Where the next round claims from: the settled floor, or the head when a rescan is due. */
    long nextClaim() {
        long now = nanoTime.getAsLong();
        if (now - lastFromHead >= rescanNanos) {
            lastFromHead = now;
            return HEAD;
        }
        return settled(now);
    }

    /** The lowest id that may be waiting, strays of slow transactions aside; for counting what waits. */
    long settled() {
        return settled(nanoTime.getAsLong());
    }

    /** A round of this relay committed, having published ids up to {@code highestId}. */
    void published(long highestId) {
        long[] last = rounds.peekLast();
        if (last == null || last[1] < highestId) {
            rounds.addLast(new long[] {nanoTime.getAsLong(), highestId});
        }
    }

    private long settled(long now) {
        while (!rounds.isEmpty() && now - rounds.peekFirst()[0] >= settleNanos) {
            floor = Math.max(floor, rounds.pollFirst()[1] + 1);
        }
        return floor;
    }
}
