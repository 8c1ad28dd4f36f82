package io.ticketmesh.ticket.inventory;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.SeatMapView;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import io.ticketmesh.ticket.batch.BatchLanes;
import io.ticketmesh.ticket.batch.Decided;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * GetSeatAvailability: every seat's state (with all else about it in the FULL view, packed a byte a seat in the STATES
 * view, with only its id in the LIVE view, which lists every standing place too) and every standing area's places by
 * state from one snapshot (a read-only REPEATABLE READ transaction), with the inventory version of that snapshot (the
 * highest version among its seats and places), so a seat map can apply later changes (SeatsHeld, SeatsReleased,
 * SeatsSold) whose version is higher.
 * <p>
 * When an on-sale opens, thousands of visitors load the same large map at once. Requests for one showtime that
 * arrive while its map is being read wait for the next read and share it ({@link BatchLanes}): each answer still
 * comes from a snapshot taken after its request arrived, so a customer sees their own hold, but a showtime has one
 * read in flight at a time in this process however many visitors ask (in both views, from one snapshot).
 */
@Service
public class SeatAvailabilityReader {
    /** More visitors than this waiting for one showtime's map are served by the read after. */
    private static final int MAX_SHARED = 10_000;
    private final InventoryRepository inventory;
    private final SeatMapQuery seatMap;
    private final TransactionTemplate snapshot;
    private final BatchLanes<UUID, GetSeatAvailabilityRequest, GetSeatAvailabilityResponse> reads;

    public SeatAvailabilityReader(InventoryRepository inventory, SeatMapQuery seatMap, PlatformTransactionManager transactions,
                                  MeterRegistry meters) {
        this.inventory = inventory;
        this.seatMap = seatMap;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.reads = new BatchLanes<>("seat-map", MAX_SHARED, this::readOnce, DistributionSummary.builder("ticketmesh.seat_map.readers")
                .description("GetSeatAvailability requests answered by one read of a showtime's map").publishPercentiles(0.5, 0.99)
                .register(meters));
    }

    public GetSeatAvailabilityResponse read(GetSeatAvailabilityRequest request) {
        return reads.submit(UUID.fromString(request.getShowtimeId()), request);
    }

    private List<Decided<GetSeatAvailabilityResponse>> readOnce(UUID showtimeId, List<GetSeatAvailabilityRequest> requests) {
        Set<SeatMapView> views = requests.stream().map(SeatAvailabilityReader::view)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SeatMapView.class)));
        Map<SeatMapView, GetSeatAvailabilityResponse> maps = snapshot.execute(status -> mapsOf(showtimeId, views));
        return requests.stream().map(request -> Decided.answer(maps.get(view(request)))).toList();
    }

    private static SeatMapView view(GetSeatAvailabilityRequest request) {
        return request.getView() == SeatMapView.SEAT_MAP_VIEW_UNSPECIFIED ? SeatMapView.SEAT_MAP_VIEW_FULL : request.getView();
    }

    /** The map in each view asked for, from the caller's snapshot: the standing areas are read once for all. */
    private Map<SeatMapView, GetSeatAvailabilityResponse> mapsOf(UUID id, Set<SeatMapView> views) {
        var showtime = inventory.findShowtime(id).orElseThrow(() -> DomainException.notFound("inventory of showtime", id.toString()));
        String currency = showtime.getCurrency();
        GetSeatAvailabilityResponse.Builder common = GetSeatAvailabilityResponse.newBuilder().setShowtimeId(id.toString())
                .setOnSale(showtime.getStatus().equals("ON_SALE")).setCatalogVersion(showtime.getCatalogVersion());
        long standingVersion = addStanding(id, currency, common);
        Map<SeatMapView, GetSeatAvailabilityResponse> maps = new EnumMap<>(SeatMapView.class);
        for (SeatMapView view : views) {
            GetSeatAvailabilityResponse.Builder map = common.clone();
            long seatsVersion;
            if (view == SeatMapView.SEAT_MAP_VIEW_STATES) {
                SeatMapQuery.States states = seatMap.readStates(id);
                map.setSeatStates(states.states());
                seatsVersion = states.version();
            } else if (view == SeatMapView.SEAT_MAP_VIEW_LIVE) {
                SeatMapQuery.Live live = seatMap.readLive(id);
                map.addAllSeats(live.seats()).addAllStandingPlaces(live.places());
                seatsVersion = live.version();
            } else {
                SeatMapQuery.Seats seats = seatMap.read(id, currency);
                map.addAllSeats(seats.seats());
                seatsVersion = seats.version();
            }
            maps.put(view, map.setVersion(Math.max(seatsVersion, standingVersion)).build());
        }
        return maps;
    }

    /** Adds every standing area with its places counted by state; returns the highest version among the places. */
    private long addStanding(UUID id, String currency, GetSeatAvailabilityResponse.Builder response) {
        long version = 0;
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
        return version;
    }
}
