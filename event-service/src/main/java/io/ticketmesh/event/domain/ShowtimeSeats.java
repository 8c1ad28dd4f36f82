package io.ticketmesh.event.domain;

import io.ticketmesh.event.persistence.ShowtimeRepository;
import io.ticketmesh.event.persistence.VenueRepository;
import io.ticketmesh.event.persistence.VenueRepository.PlacedSeat;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.ListShowtimeSeatsRequest;
import io.ticketmesh.proto.event.v1.ListShowtimeSeatsResponse;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeSeat;
import io.ticketmesh.proto.event.v1.ShowtimeStandingArea;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The seats of a published showtime with tier and price, page by page, for ticket-service to build inventory from
 * after ShowtimePublished. Distance to the stage orders best-available; without a stage, distance is the row's y.
 */
@Service
public class ShowtimeSeats {
    static final int DEFAULT_PAGE = 5_000;

    private final ShowtimeRepository showtimes;
    private final VenueRepository venues;

    public ShowtimeSeats(ShowtimeRepository showtimes, VenueRepository venues) {
        this.showtimes = showtimes;
        this.venues = venues;
    }

    @Transactional(readOnly = true)
    public ListShowtimeSeatsResponse list(ListShowtimeSeatsRequest request) {
        UUID showtimeId = EventCatalog.parseId("showtime_id", request.getShowtimeId());
        Showtime showtime = showtimes.find(showtimeId).orElseThrow(() -> DomainException.notFound("showtime", request.getShowtimeId()));
        Caller caller = CallerContext.current();
        if (showtime.getStatus() == ShowtimeStatus.SHOWTIME_STATUS_DRAFT) {
            if (!caller.isMemberOf(showtime.getOrganizationId())) {
                throw DomainException.notFound("showtime", request.getShowtimeId());
            }
        }
        UUID venueId = UUID.fromString(showtime.getVenueId());
        Map<String, Money> prices = showtime.getPriceTiersList().stream().collect(Collectors.toMap(PriceTier::getTier, PriceTier::getPrice));
        double[] stage = venues.stage(venueId).orElse(null);
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE : request.getPageSize();
        int offset = OffsetPageToken.parse(request.getPageToken());
        int total = venues.seatCount(venueId);
        ListShowtimeSeatsResponse.Builder response = ListShowtimeSeatsResponse.newBuilder()
                .setShowtimeVersion(showtime.getVersion()).setVenueRevision(showtime.getVenueRevision()).setTotalSeats(total);
        for (PlacedSeat seat : venues.seats(venueId, offset, size)) {
            ShowtimeSeat.Builder out = ShowtimeSeat.newBuilder().setSeatId(seat.seatId().toString()).setSectionId(seat.sectionId().toString())
                    .setSectionName(seat.sectionName()).setRowLabel(seat.rowLabel()).setSeatLabel(seat.seatLabel())
                    .setPositionInRow(seat.positionInRow()).setRowIndex(seat.rowIndex()).setTier(seat.tier())
                    .setPrice(prices.getOrDefault(seat.tier(), Money.getDefaultInstance()))
                    .setStageDistance(stage == null ? seat.y() : Math.hypot(seat.x() - stage[0], seat.y() - stage[1]));
            seat.features().forEach(f -> out.addFeatures(SeatFeature.valueOf("SEAT_FEATURE_" + f)));
            response.addSeats(out);
        }
        if (offset == 0) {
            venues.standingSections(venueId).forEach(s -> response.addStandingAreas(ShowtimeStandingArea.newBuilder()
                    .setSectionId(s.getId().toString()).setSectionName(s.getName()).setCapacity(s.getCapacity())
                    .setTier(s.getDefaultTier()).setPrice(prices.getOrDefault(s.getDefaultTier(), Money.getDefaultInstance()))));
        }
        if (offset + size < total) {
            response.setNextPageToken(OffsetPageToken.of(offset + size));
        }
        return response.build();
    }
}
