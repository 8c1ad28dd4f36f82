package io.ticketmesh.realtime.feed;

import io.grpc.ManagedChannel;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatMapView;
import io.ticketmesh.proto.ticket.v1.SeatState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** A showtime's seats and their states from ticket-service (GetSeatAvailability, public), in map order. */
@Component
public class SeatMapSource {
    private final ManagedChannel channel;

    public SeatMapSource(GrpcChannelFactory channels, @Value("${ticketmesh.inventory.target}") String target) {
        this.channel = channels.createChannel(target);
    }

    public record Snapshot(long version, Map<String, SeatState> seats) {}

    /** Throws the call's StatusRuntimeException (NOT_FOUND for a showtime without inventory, UNAVAILABLE, ...). */
    public Snapshot load(String showtimeId) {
        GetSeatAvailabilityResponse map = InventoryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtimeId).setView(SeatMapView.SEAT_MAP_VIEW_FULL)
                        .build());
        Map<String, SeatState> seats = new LinkedHashMap<>(map.getSeatsCount() * 2);
        for (SeatAvailability seat : map.getSeatsList()) {
            seats.put(seat.getSeatId(), seat.getState());
        }
        return new Snapshot(map.getVersion(), seats);
    }
}
