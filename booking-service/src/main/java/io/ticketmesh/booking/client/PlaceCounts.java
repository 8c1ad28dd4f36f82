package io.ticketmesh.booking.client;

import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import java.util.List;
import java.util.function.ToIntFunction;

/** A showtime's seats and standing places by state, counted from ticket-service's STATES view of its seat map. */
public record PlaceCounts(int available, int held, int sold, int blocked) {
    public static PlaceCounts of(GetSeatAvailabilityResponse states) {
        int[] seats = new int[256];
        states.getSeatStates().forEach(state -> seats[state & 0xff]++);
        List<StandingAvailability> floors = states.getStandingList();
        return new PlaceCounts(
                seats[SeatState.SEAT_STATE_AVAILABLE_VALUE] + sum(floors, StandingAvailability::getAvailable),
                seats[SeatState.SEAT_STATE_HELD_VALUE] + sum(floors, StandingAvailability::getHeld),
                seats[SeatState.SEAT_STATE_SOLD_VALUE] + sum(floors, StandingAvailability::getSold),
                seats[SeatState.SEAT_STATE_BLOCKED_VALUE] + sum(floors, floor -> floor.getCapacity() - floor.getAvailable()
                        - floor.getHeld() - floor.getSold()));
    }

    private static int sum(List<StandingAvailability> floors, ToIntFunction<StandingAvailability> places) {
        return floors.stream().mapToInt(places).sum();
    }
}
