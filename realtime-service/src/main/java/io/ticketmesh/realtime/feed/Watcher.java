package io.ticketmesh.realtime.feed;

import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import java.util.List;
import java.util.Map;

/**
 * One open seat map: a WebSocket or a gRPC stream. Called in order, by one thread at a time: the watcher's own, not
 * the feed's (see {@link QueuedWatcher}), so a call may block while the client is slow.
 */
public interface Watcher {
    /**
     * Every numbered seat's state at a version, in map order, and every standing area's counts: first, and again
     * whenever the feed reloads.
     */
    void snapshot(long version, Map<String, SeatState> seats, List<StandingAvailability> standing);

    /**
     * Seats that changed and standing areas whose counts moved (with their counts now), reaching {@code version} from
     * {@code previousVersion}; both may be empty when the change touched nothing on this map.
     */
    void changes(long version, long previousVersion, List<SeatStateChange> changes, List<StandingAvailability> standing);

    /** The map cannot be served (no such showtime, ticket-service unreachable); nothing follows. */
    void failed(RuntimeException cause);
}
