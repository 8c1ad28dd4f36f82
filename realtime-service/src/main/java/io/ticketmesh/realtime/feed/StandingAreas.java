package io.ticketmesh.realtime.feed;

import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A live map's standing areas: the state of each of their places, and each area's counts kept in step with them.
 * Watchers see the counts, not the places (a floor of 20,000 is 20,000 places). A change that sets the state a place
 * has already (one the snapshot showed) moves no count. Guarded by its feed's lock.
 */
final class StandingAreas {
    private final Map<String, SeatMapSource.Place> places = new HashMap<>();
    private final Map<String, StandingAvailability> areas = new LinkedHashMap<>();

    void load(SeatMapSource.Snapshot snapshot) {
        places.clear();
        places.putAll(snapshot.places());
        areas.clear();
        snapshot.standing().forEach(area -> areas.put(area.getSectionId(), area));
    }

    /** Every area with its counts now, in the order ticket-service listed them. */
    List<StandingAvailability> all() {
        return List.copyOf(areas.values());
    }

    /** Sets a place's new state; answers its area's counts after, when they moved (empty for an id that is no place). */
    Optional<StandingAvailability> apply(String placeId, SeatState state) {
        SeatMapSource.Place place = places.get(placeId);
        if (place == null || place.state() == state) {
            return Optional.empty();
        }
        places.put(placeId, new SeatMapSource.Place(place.sectionId(), state));
        StandingAvailability area = areas.get(place.sectionId());
        if (area == null) {
            return Optional.empty();
        }
        StandingAvailability moved = count(count(area.toBuilder(), place.state(), -1), state, 1).build();
        areas.put(place.sectionId(), moved);
        return Optional.of(moved);
    }

    /** Blocked places are not counted: they are the capacity less the others. */
    private static StandingAvailability.Builder count(StandingAvailability.Builder area, SeatState state, int by) {
        switch (state) {
            case SEAT_STATE_AVAILABLE -> area.setAvailable(area.getAvailable() + by);
            case SEAT_STATE_HELD -> area.setHeld(area.getHeld() + by);
            case SEAT_STATE_SOLD -> area.setSold(area.getSold() + by);
            default -> { }
        }
        return area;
    }
}
