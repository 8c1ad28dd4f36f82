package io.ticketmesh.realtime.feed;

import io.ticketmesh.proto.realtime.v1.SeatChanges;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
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
    private final StandingAreas standing = new StandingAreas();
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
            watcher.snapshot(version, copy(), standing.all());
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
        standing.load(snapshot);
        version = snapshot.version();
        pending.forEach(this::apply);
        pending.clear();
        loaded = true;
        Map<String, SeatState> copy = copy();
        List<StandingAvailability> areas = standing.all();
        watchers.forEach(watcher -> watcher.snapshot(version, copy, areas));
    }

    synchronized void received(SeatChanges changes) {
        if (!loaded) {
            pending.add(changes);
            return;
        }
        long previous = version;
        Applied applied = apply(changes);
        // a change of nothing on this map that moves the version is sent too: a watcher would otherwise see a gap
        if (version != previous || !applied.seats().isEmpty() || !applied.standing().isEmpty()) {
            watchers.forEach(watcher -> watcher.changes(version, previous, applied.seats(), applied.standing()));
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

    /** What a change did to the map: the seats it changed, and the standing areas whose counts it moved. */
    private record Applied(List<SeatStateChange> seats, List<StandingAvailability> standing) {}

    /** Applies the changes of seats and places this map has; answers what they changed. */
    private Applied apply(SeatChanges changes) {
        List<SeatStateChange> applied = new ArrayList<>(changes.getChangesCount());
        Map<String, StandingAvailability> moved = new LinkedHashMap<>();
        for (SeatStateChange change : changes.getChangesList()) {
            if (seats.containsKey(change.getSeatId())) {
                seats.put(change.getSeatId(), change.getState());
                applied.add(change);
            } else {
                standing.apply(change.getSeatId(), change.getState()).ifPresent(area -> moved.put(area.getSectionId(), area));
            }
        }
        version = Math.max(version, changes.getVersion());
        return new Applied(applied, List.copyOf(moved.values()));
    }
}
