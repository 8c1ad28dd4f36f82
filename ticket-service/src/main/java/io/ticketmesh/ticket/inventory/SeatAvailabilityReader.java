package io.ticketmesh.ticket.inventory;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * GetSeatAvailability: every seat's state and every standing area's places by state from one snapshot, with the
 * inventory version of that snapshot (the highest version among its seats and places), so a seat map can apply later changes (SeatsHeld, SeatsReleased, SeatsSold)
 * whose version is higher.
 */
@Service
public class SeatAvailabilityReader {
    private final InventoryRepository inventory;

    public SeatAvailabilityReader(InventoryRepository inventory) {
        this.inventory = inventory;
    }

    @Transactional(readOnly = true)
    public GetSeatAvailabilityResponse read(GetSeatAvailabilityRequest request) {
        UUID id = UUID.fromString(request.getShowtimeId());
        var showtime = inventory.findShowtime(id)
                .orElseThrow(() -> DomainException.notFound("inventory of showtime", request.getShowtimeId()));
        String currency = showtime.getCurrency();
        GetSeatAvailabilityResponse.Builder response = GetSeatAvailabilityResponse.newBuilder().setShowtimeId(request.getShowtimeId())
                .setOnSale(showtime.getStatus().equals("ON_SALE"));
        long version = 0;
        for (SeatsRecord seat : inventory.seats(id)) {
            response.addSeats(SeatProtos.seat(seat, currency));
            version = Math.max(version, seat.getVersion());
        }
        Map<UUID, Map<String, Integer>> places = new HashMap<>();
        for (InventoryRepository.StandingCount count : inventory.standingCounts(id)) {
            places.computeIfAbsent(count.sectionId(), section -> new HashMap<>()).put(count.state(), count.places());
            version = Math.max(version, count.version());
        }
        for (var area : inventory.standingAreas(id)) {
            Map<String, Integer> states = places.getOrDefault(area.getSectionId(), Map.of());
            response.addStanding(StandingAvailability.newBuilder().setSectionId(area.getSectionId().toString())
                    .setSection(area.getSection()).setCapacity(area.getCapacity()).setAvailable(states.getOrDefault("AVAILABLE", 0))
                    .setHeld(states.getOrDefault("HELD", 0)).setSold(states.getOrDefault("SOLD", 0))
                    .setTier(area.getTier()).setPrice(SeatProtos.money(area.getPriceMinor(), currency)));
        }
        return response.setVersion(version).build();
    }
}
