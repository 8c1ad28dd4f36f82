package io.ticketmesh.realtime;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import io.ticketmesh.proto.ticket.v1.StandingPlace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Stands in for ticket-service's GetSeatAvailability (the only call realtime-service makes) on a real gRPC port,
 * answering as its LIVE view does: the numbered seats' ids and states, and the standing places with their area.
 */
final class InventoryStandIn extends InventoryServiceGrpc.InventoryServiceImplBase {
    final int port = FreePorts.next();
    final AtomicInteger reads = new AtomicInteger();
    private final Map<String, GetSeatAvailabilityResponse> maps = new ConcurrentHashMap<>();
    private final Server server;

    InventoryStandIn() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A showtime of {@code seats} available seats at {@code version}; answers their ids in map order. */
    List<String> register(String showtimeId, int seats, long version) {
        List<String> ids = IntStream.range(0, seats).mapToObj(i -> UUID.randomUUID().toString()).toList();
        GetSeatAvailabilityResponse.Builder map = GetSeatAvailabilityResponse.newBuilder().setShowtimeId(showtimeId).setVersion(version);
        ids.forEach(id -> map.addSeats(SeatAvailability.newBuilder().setSeatId(id).setState(SeatState.SEAT_STATE_AVAILABLE)));
        maps.put(showtimeId, map.build());
        return ids;
    }

    /** A standing area's id and its places' ids, as {@link #registerWithFloor} made them. */
    record Floor(String sectionId, List<String> places, List<String> seats) {}

    /** A showtime of {@code seats} numbered seats and a floor of {@code places} places, all available, at {@code version}. */
    Floor registerWithFloor(String showtimeId, int seats, int places, long version) {
        List<String> seatIds = register(showtimeId, seats, version);
        String sectionId = UUID.randomUUID().toString();
        List<String> placeIds = IntStream.range(0, places).mapToObj(i -> UUID.randomUUID().toString()).toList();
        GetSeatAvailabilityResponse.Builder map = maps.get(showtimeId).toBuilder();
        placeIds.forEach(id -> map.addStandingPlaces(StandingPlace.newBuilder().setPlaceId(id).setSectionId(sectionId)
                .setState(SeatState.SEAT_STATE_AVAILABLE)));
        map.addStanding(StandingAvailability.newBuilder().setSectionId(sectionId).setSection("Floor \"A\"").setCapacity(places)
                .setAvailable(places).setTier("B"));
        maps.put(showtimeId, map.build());
        return new Floor(sectionId, placeIds, seatIds);
    }

    @Override
    public void getSeatAvailability(GetSeatAvailabilityRequest request, StreamObserver<GetSeatAvailabilityResponse> response) {
        reads.incrementAndGet();
        GetSeatAvailabilityResponse map = maps.get(request.getShowtimeId());
        if (map == null) {
            response.onError(Status.NOT_FOUND.withDescription("inventory of showtime " + request.getShowtimeId() + " does not exist")
                    .asRuntimeException());
            return;
        }
        response.onNext(map);
        response.onCompleted();
    }

    String target() {
        return "static://127.0.0.1:" + port;
    }

    void stop() {
        server.shutdownNow();
    }
}
