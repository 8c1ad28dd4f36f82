package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.StandingPlaces;
import io.ticketmesh.ticket.persistence.HoldRepository;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.StandingAreasRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Picks the places a hold of standing places is made of: for each area, the wanted number of AVAILABLE places from a
 * random position on (wrapping round), so customers buying on the same floor at the same moment mostly pick different
 * places and do not turn each other away at the gate. A pick is only a proposal: the hold then takes the places like
 * seats, all or nothing, and a pick another customer took first is picked again (see {@link HoldService}).
 */
@Component
class StandingPicker {
    private final HoldRepository holds;
    private final InventoryRepository inventory;

    StandingPicker(HoldRepository holds, InventoryRepository inventory) {
        this.holds = holds;
        this.inventory = inventory;
    }

    /** The ids of places to hold; INVALID_ARGUMENT for an area the showtime does not have, SEAT_UNAVAILABLE when one has too few left. */
    @Transactional(readOnly = true)
    public List<UUID> pick(UUID showtimeId, List<StandingPlaces> wanted) {
        inventory.findShowtime(showtimeId).orElseThrow(() -> DomainException.notFound("inventory of showtime", showtimeId.toString()));
        Map<UUID, StandingAreasRecord> areas = inventory.standingAreas(showtimeId).stream()
                .collect(Collectors.toMap(StandingAreasRecord::getSectionId, area -> area));
        Set<UUID> named = new HashSet<>();
        List<UUID> picked = new ArrayList<>();
        for (StandingPlaces places : wanted) {
            UUID sectionId = UUID.fromString(places.getSectionId());
            StandingAreasRecord area = areas.get(sectionId);
            if (area == null) {
                throw DomainException.invalid("standing", "not a standing area of this showtime: " + sectionId);
            }
            if (!named.add(sectionId)) {
                throw DomainException.invalid("standing", "names the area " + sectionId + " twice");
            }
            picked.addAll(pickIn(showtimeId, area, places.getQuantity()));
        }
        return picked;
    }

    private List<UUID> pickIn(UUID showtimeId, StandingAreasRecord area, int quantity) {
        int start = ThreadLocalRandom.current().nextInt(area.getCapacity());
        List<UUID> places = new ArrayList<>(holds.availablePlaces(showtimeId, area.getSectionId(), start, area.getCapacity(), quantity));
        if (places.size() < quantity) {
            places.addAll(holds.availablePlaces(showtimeId, area.getSectionId(), 0, start, quantity - places.size()));
        }
        if (places.size() < quantity) {
            throw new DomainException(FailureKind.ABORTED, ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE,
                    places.size() + " of " + area.getSection() + "'s places are left; " + quantity + " were asked for")
                    .with(ErrorDetail.SECTION_ID, area.getSectionId().toString())
                    .with(ErrorDetail.AVAILABLE, Integer.toString(places.size()));
        }
        return places;
    }
}
