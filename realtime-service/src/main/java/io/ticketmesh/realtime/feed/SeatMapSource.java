package io.ticketmesh.realtime.feed;

import io.grpc.ManagedChannel;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatMapView;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import io.ticketmesh.proto.ticket.v1.StandingPlace;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * A showtime's seats and standing places with their states from ticket-service (GetSeatAvailability's LIVE view,
 * public): the numbered seats in map order, each standing place with its area, and the areas' counts.
 */
@Component
public class SeatMapSource {
    private final ManagedChannel channel;

    public SeatMapSource(GrpcChannelFactory channels, @Value("${ticketmesh.inventory.target}") String target) {
        this.channel = channels.createChannel(target);
    }

    /** A place of a standing area: the area's section id and the place's state. */
    public record Place(String sectionId, SeatState state) {}

    public record Snapshot(long version, Map<String, SeatState> seats, Map<String, Place> places, List<StandingAvailability> standing) {}

    /** Throws the call's StatusRuntimeException (NOT_FOUND for a showtime without inventory, UNAVAILABLE, ...). */
    public Snapshot load(String showtimeId) {
        GetSeatAvailabilityResponse map = InventoryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtimeId).setView(SeatMapView.SEAT_MAP_VIEW_LIVE)
                        .build());
        Map<String, SeatState> seats = new LinkedHashMap<>(map.getSeatsCount() * 2);
        for (SeatAvailability seat : map.getSeatsList()) {
            seats.put(seat.getSeatId(), seat.getState());
        }
        Map<String, Place> places = new HashMap<>(map.getStandingPlacesCount() * 2);
        for (StandingPlace place : map.getStandingPlacesList()) {
            places.put(place.getPlaceId(), new Place(place.getSectionId(), place.getState()));
        }
        return new Snapshot(map.getVersion(), seats, places, map.getStandingList());
    }
}
