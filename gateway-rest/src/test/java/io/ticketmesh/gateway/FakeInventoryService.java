package io.ticketmesh.gateway;

import com.google.protobuf.util.Timestamps;
import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.GrpcErrors;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.ticket.v1.GetPresaleRequest;
import io.ticketmesh.proto.ticket.v1.GetPresaleResponse;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsResponse;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.ListPresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.ListPresaleCodesResponse;
import io.ticketmesh.proto.ticket.v1.Presale;
import io.ticketmesh.proto.ticket.v1.PresaleCode;
import io.ticketmesh.proto.ticket.v1.PresaleCodeState;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatMapView;
import io.ticketmesh.proto.ticket.v1.SeatState;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process InventoryService standing in for ticket-service's seat maps: showtimes of three seats whose states and
 * prices a test changes, answering GetSeatAvailability in both views as ticket-service does, and counting the reads of
 * each view; it also answers one presale for any showtime, and every HoldSeats with a hold of the seats asked for.
 */
final class FakeInventoryService extends InventoryServiceGrpc.InventoryServiceImplBase {
    static final String NAME = "fake-ticket-service";
    private static final Map<String, Showtime> showtimes = new ConcurrentHashMap<>();
    private static Server server;

    /** One showtime's seats: their states, the tier's price, and the versions. */
    static final class Showtime {
        final String id = UUID.randomUUID().toString();
        final AtomicInteger fullReads = new AtomicInteger();
        final AtomicInteger statesReads = new AtomicInteger();
        private final SeatState[] states = {SeatState.SEAT_STATE_AVAILABLE, SeatState.SEAT_STATE_AVAILABLE, SeatState.SEAT_STATE_SOLD};
        private long version = 100;
        private long catalogVersion = 1;
        private long priceMinor = 4500;

        /** A seat changes state, with a new version. */
        synchronized void change(int seat, SeatState state) {
            states[seat] = state;
            version++;
        }

        /** The organizer re-prices the unsold seats: a new catalog version, the same seat version. */
        synchronized void reprice(long minor) {
            priceMinor = minor;
            catalogVersion++;
        }

        synchronized GetSeatAvailabilityResponse map(SeatMapView view) {
            GetSeatAvailabilityResponse.Builder map = GetSeatAvailabilityResponse.newBuilder().setShowtimeId(id).setVersion(version)
                    .setCatalogVersion(catalogVersion).setOnSale(true);
            if (view == SeatMapView.SEAT_MAP_VIEW_STATES) {
                byte[] packed = new byte[states.length];
                for (int i = 0; i < states.length; i++) {
                    packed[i] = (byte) states[i].getNumber();
                }
                return map.setSeatStates(ByteString.copyFrom(packed)).build();
            }
            for (int i = 0; i < states.length; i++) {
                map.addSeats(SeatAvailability.newBuilder().setSeatId("seat-" + i).setLabel(String.valueOf(i + 1)).setSection("Stalls")
                        .setRow("A").setState(states[i]).setTier("A")
                        .setPrice(Money.newBuilder().setAmountMinor(priceMinor).setCurrency("GBP")));
            }
            return map.build();
        }
    }

    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = InProcessServerBuilder.forName(NAME).directExecutor().addService(new FakeInventoryService())
                    .addService(new FakeTicketService()).build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Showtime newShowtime() {
        Showtime showtime = new Showtime();
        showtimes.put(showtime.id, showtime);
        return showtime;
    }

    /** The presale GetPresale answers for any showtime, and the HoldSeats requests received, newest last. */
    static final Presale PRESALE = Presale.newBuilder().setShowtimeId(UUID.randomUUID().toString()).addCodes("FANCLUB").build();
    static final List<HoldSeatsRequest> HOLDS = new CopyOnWriteArrayList<>();

    @Override
    public void getPresale(GetPresaleRequest request, StreamObserver<GetPresaleResponse> response) {
        response.onNext(GetPresaleResponse.newBuilder().setPresale(PRESALE.toBuilder().setShowtimeId(request.getShowtimeId())).build());
        response.onCompleted();
    }

    /** The codes ListPresaleCodes pages through for any showtime (a token is the next code's index), and its requests. */
    static final int ISSUED_CODES = 2_500;
    static final List<ListPresaleCodesRequest> CODE_LISTS = new CopyOnWriteArrayList<>();

    @Override
    public void listPresaleCodes(ListPresaleCodesRequest request, StreamObserver<ListPresaleCodesResponse> response) {
        CODE_LISTS.add(request);
        int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int to = Math.min(ISSUED_CODES, from + (request.getPageSize() == 0 ? 100 : request.getPageSize()));
        ListPresaleCodesResponse.Builder page = ListPresaleCodesResponse.newBuilder().setNextPageToken(to < ISSUED_CODES ? Integer.toString(to) : "");
        for (int i = from; i < to; i++) {
            page.addCodes(PresaleCode.newBuilder().setCode("CODE-%05d".formatted(i)).setIssuedAt(Timestamps.fromSeconds(1_800_000_000))
                    .setState(request.getState() == PresaleCodeState.PRESALE_CODE_STATE_UNSPECIFIED ? PresaleCodeState.PRESALE_CODE_STATE_UNUSED
                            : request.getState()));
        }
        response.onNext(page.build());
        response.onCompleted();
    }

    @Override
    public void holdSeats(HoldSeatsRequest request, StreamObserver<HoldSeatsResponse> response) {
        HOLDS.add(request);
        response.onNext(HoldSeatsResponse.newBuilder().setHold(Hold.newBuilder().setHoldId(UUID.randomUUID().toString())
                .setShowtimeId(request.getShowtimeId()).addAllSeatIds(request.getSeatIdsList())).build());
        response.onCompleted();
    }

    @Override
    public void getSeatAvailability(GetSeatAvailabilityRequest request, StreamObserver<GetSeatAvailabilityResponse> response) {
        Showtime showtime = showtimes.get(request.getShowtimeId());
        if (showtime == null) {
            response.onError(GrpcErrors.toStatus(DomainException.notFound("inventory of showtime", request.getShowtimeId())));
            return;
        }
        boolean states = request.getView() == SeatMapView.SEAT_MAP_VIEW_STATES;
        (states ? showtime.statesReads : showtime.fullReads).incrementAndGet();
        response.onNext(showtime.map(request.getView()));
        response.onCompleted();
    }
}
