package io.ticketmesh.realtime.feed;

import io.ticketmesh.proto.realtime.v1.SeatChanges;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One showtime's live map in this process, and the watchers it feeds. Changes from Redis that arrive while the map
 * is being (re)loaded wait, and are applied to the snapshot once it is in: the subscription starts before the
 * snapshot is read, so every change committed after that read arrives, and a change the snapshot already shows sets
 * a state that a seat's later changes (which arrive after it: ticket-service commits each seat's changes in order and
 * they travel on one partition) then overwrite. Every watcher gets the snapshot, then each change in arrival order.
 * The version is the highest seen; {@code previous_version} is the one the watcher had, so a watcher that misses a
 * message sees a gap. Watchers only queue what they are given (see {@link QueuedWatcher}): a snapshot is a copy.
 */
final class Feed {
    private final String showtimeId;
    private final Map<String, SeatState> seats = new LinkedHashMap<>();
    private final List<SeatChanges> pending = new ArrayList<>();
    private final List<Watcher> watchers = new ArrayList<>();
    private long version;
    private boolean loaded;
    /** Redis listener ids, to remove them when the last watcher leaves. */
    int messageListener;
    int statusListener;

    Feed(String showtimeId) {
        this.showtimeId = showtimeId;
    }

    String showtimeId() {
        return showtimeId;
    }

    synchronized void add(Watcher watcher) {
        watchers.add(watcher);
        if (loaded) {
            watcher.snapshot(version, copy());
        }
    }

    /** Whether no one watches any more. */
    synchronized boolean remove(Watcher watcher) {
        watchers.remove(watcher);
        return watchers.isEmpty();
    }

    synchronized boolean isLoaded() {
        return loaded;
    }

    /** A (re)load starts: changes wait for it. */
    synchronized void reloading() {
        loaded = false;
        pending.clear();
    }

    /** The snapshot is in: the changes that waited are applied to it, and every watcher gets the result. */
    synchronized void loaded(SeatMapSource.Snapshot snapshot) {
        seats.clear();
        seats.putAll(snapshot.seats());
        version = snapshot.version();
        pending.forEach(this::apply);
        pending.clear();
        loaded = true;
        Map<String, SeatState> copy = copy();
        watchers.forEach(watcher -> watcher.snapshot(version, copy));
    }

    synchronized void received(SeatChanges changes) {
        if (!loaded) {
            pending.add(changes);
            return;
        }
        long previous = version;
        List<SeatStateChange> applied = apply(changes);
        if (!applied.isEmpty()) {
            watchers.forEach(watcher -> watcher.changes(version, previous, applied));
        }
    }

    /** The map cannot be loaded: every watcher is told, and let go. */
    synchronized void failed(RuntimeException cause) {
        watchers.forEach(watcher -> watcher.failed(cause));
        watchers.clear();
    }

    /** The map as it is now, for watchers to keep: it is delivered after this lock is let go. */
    private Map<String, SeatState> copy() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(seats));
    }

    /** Applies the changes of seats this map has (standing places are not in it); answers those applied. */
    private List<SeatStateChange> apply(SeatChanges changes) {
        List<SeatStateChange> applied = new ArrayList<>(changes.getChangesCount());
        for (SeatStateChange change : changes.getChangesList()) {
            if (seats.containsKey(change.getSeatId())) {
                seats.put(change.getSeatId(), change.getState());
                applied.add(change);
            }
        }
        version = Math.max(version, changes.getVersion());
        return applied;
    }
}
