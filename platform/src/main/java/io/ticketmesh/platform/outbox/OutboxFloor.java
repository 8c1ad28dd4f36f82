package io.ticketmesh.platform.outbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Where a relay's claim starts in the outbox's key: the lowest id that may still be waiting. The outbox is a queue
 * whose head is a run of deleted rows until vacuum removes them, and each index entry there costs a visit to its row
 * while any transaction older than the delete runs (under load the relay's own, waiting for Kafka's
 * acknowledgements, keeps that so): a claim starting at the head re-read thousands of dead rows every round, and
 * took up to half of PostgreSQL's CPU in the holds benchmark.
 *
 * <p>Ids come from a sequence as rows are inserted, and a row is seen only once its transaction commits, so a row can
 * appear below ids already published (a straggler). A straggler's transaction was running when the round that
 * published the higher ids took its snapshot, so its xid is below that snapshot's xmax. The floor passes a round's
 * highest id only once a later round's snapshot has every transaction below that xmax finished (its xmin is past it)
 * and had the stragglers claimed, and at least {@link #SETTLE} after it (a transaction draws an id a moment before
 * it is given an xid). A straggler is thus published in its key's order however slow its transaction; should one ever
 * slip below the floor, every {@link #RESCAN} a round starts at the head again. Not thread-safe: the relay's thread
 * alone uses it.
 */
final class OutboxFloor {
    static final Duration SETTLE = Duration.ofSeconds(1);
    static final Duration RESCAN = Duration.ofSeconds(10);
    /** The claim of a round that starts at the head of the table. */
    static final long HEAD = 0;

    /** A committed round: when, the highest id it published, and its snapshot's xmax (transactions not yet begun). */
    private record Published(long at, long highestId, long xmax) {}

    /**
     * What a round's claim saw: the highest id it published, whether it took as many rows as it could (so rows above
     * that may wait unseen), and its snapshot's xmin and xmax.
     */
    record Round(long highestId, boolean full, long xmin, long xmax) {}

    private final long settleNanos;
    private final long rescanNanos;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Published> unsettled = new ArrayDeque<>();
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

    /** Where the next round claims from: the floor, or the head when a rescan is due. */
    long nextClaim() {
        long now = nanoTime.getAsLong();
        if (now - lastFromHead >= rescanNanos) {
            lastFromHead = now;
            return HEAD;
        }
        return floor;
    }

    /** The lowest id that may be waiting (a straggler that slipped below aside); for counting what waits. */
    long floor() {
        return floor;
    }

    /** A round of this relay that published rows committed. */
    void published(Round round) {
        long now = nanoTime.getAsLong();
        long ceiling = round.full() ? round.highestId() + 1 : Long.MAX_VALUE;
        while (!unsettled.isEmpty() && now - unsettled.peekFirst().at() >= settleNanos && unsettled.peekFirst().xmax() <= round.xmin()) {
            floor = Math.max(floor, Math.min(unsettled.pollFirst().highestId() + 1, ceiling));
        }
        Published last = unsettled.peekLast();
        if (last == null || last.highestId() < round.highestId()) {
            unsettled.addLast(new Published(now, round.highestId(), round.xmax()));
        }
    }
}
