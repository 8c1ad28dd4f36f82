package io.ticketmesh.ticket;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.ListShowtimeSeatsRequest;
import io.ticketmesh.proto.event.v1.ListShowtimeSeatsResponse;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.event.v1.ShowtimeSeat;
import io.ticketmesh.proto.event.v1.ShowtimeStandingArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for event-service's ListShowtimeSeats (the only catalog call ticket-service makes) on a real gRPC port,
 * serving seat maps the tests register, in pages, as event-service does.
 */
final class CatalogStandIn extends EventServiceGrpc.EventServiceImplBase {
    final int port = FreePorts.next();
    private final Map<String, List<ShowtimeSeat>> maps = new ConcurrentHashMap<>();
    private final Map<String, List<ShowtimeStandingArea>> floors = new ConcurrentHashMap<>();
    private final Server server;

    CatalogStandIn() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hall of {@code rows} rows of {@code perRow} seats in tier A at 2500 minor units; row 0 nearest the stage. */
    List<ShowtimeSeat> register(String showtimeId, int rows, int perRow) {
        String section = UUID.randomUUID().toString();
        List<ShowtimeSeat> seats = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            for (int position = 0; position < perRow; position++) {
                ShowtimeSeat.Builder seat = ShowtimeSeat.newBuilder().setSeatId(UUID.randomUUID().toString()).setSectionId(section)
                        .setSectionName("Stalls").setRowLabel(Character.toString('A' + row % 26) + (row / 26 == 0 ? "" : row / 26))
                        .setSeatLabel(Integer.toString(position + 1)).setPositionInRow(position).setRowIndex(row).setTier("A")
                        .setPrice(Money.newBuilder().setAmountMinor(2500).setCurrency("EUR")).setStageDistance(row + Math.abs(position - perRow / 2.0) / 10);
                if (position == 0) {
                    seat.addFeatures(SeatFeature.SEAT_FEATURE_AISLE);
                }
                seats.add(seat.build());
            }
        }
        maps.put(showtimeId, seats);
        return seats;
    }

    /** Adds a standing floor of {@code capacity} places in tier B (1500) to a registered hall; answers the floor. */
    ShowtimeStandingArea addFloor(String showtimeId, int capacity) {
        return addFloor(showtimeId, "Floor", capacity, "B");
    }

    /** Adds a standing area named {@code name} of {@code capacity} places in {@code tier} (1500) to a registered hall. */
    ShowtimeStandingArea addFloor(String showtimeId, String name, int capacity, String tier) {
        ShowtimeStandingArea floor = ShowtimeStandingArea.newBuilder().setSectionId(UUID.randomUUID().toString()).setSectionName(name)
                .setCapacity(capacity).setTier(tier).setPrice(Money.newBuilder().setAmountMinor(1500).setCurrency("EUR")).build();
        floors.computeIfAbsent(showtimeId, id -> new CopyOnWriteArrayList<>()).add(floor);
        return floor;
    }

    /** Another showtime in the hall of {@code hallOf}: the same seats, seat ids included, as in one venue. */
    List<ShowtimeSeat> registerInSameHall(String showtimeId, String hallOf) {
        List<ShowtimeSeat> seats = maps.get(hallOf);
        maps.put(showtimeId, seats);
        return seats;
    }

    @Override
    public void listShowtimeSeats(ListShowtimeSeatsRequest request, StreamObserver<ListShowtimeSeatsResponse> response) {
        List<ShowtimeSeat> seats = maps.get(request.getShowtimeId());
        if (seats == null) {
            response.onError(Status.NOT_FOUND.withDescription("no such showtime").asRuntimeException());
            return;
        }
        int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int to = Math.min(seats.size(), from + request.getPageSize());
        ListShowtimeSeatsResponse.Builder page = ListShowtimeSeatsResponse.newBuilder().setTotalSeats(seats.size())
                .addAllSeats(seats.subList(from, to)).setNextPageToken(to < seats.size() ? Integer.toString(to) : "");
        if (from == 0 && floors.containsKey(request.getShowtimeId())) {
            page.addAllStandingAreas(floors.get(request.getShowtimeId()));
        }
        response.onNext(page.build());
        response.onCompleted();
    }
}
