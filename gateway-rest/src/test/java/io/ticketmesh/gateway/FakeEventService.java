package io.ticketmesh.gateway;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.GrpcErrors;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.GetVenueResponse;
import io.ticketmesh.proto.event.v1.Row;
import io.ticketmesh.proto.event.v1.Seat;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.event.v1.SeatMap;
import io.ticketmesh.proto.event.v1.Section;
import io.ticketmesh.proto.event.v1.SectionKind;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-process VenueService standing in for event-service, whose answer each test picks by venue id: a venue,
 * NOT_FOUND, a field violation, UNAVAILABLE (counting attempts), or UNIMPLEMENTED. It records the metadata it got.
 */
final class FakeEventService extends VenueServiceGrpc.VenueServiceImplBase {
    static final String NAME = "fake-event-service";
    static final String FOUND = "11111111-1111-1111-1111-111111111111";
    static final String MISSING = "22222222-2222-2222-2222-222222222222";
    static final String INVALID = "33333333-3333-3333-3333-333333333333";
    static final String DOWN = "44444444-4444-4444-4444-444444444444";
    static final AtomicInteger downAttempts = new AtomicInteger();
    static final AtomicReference<Metadata> lastHeaders = new AtomicReference<>();
    static final AtomicReference<io.ticketmesh.proto.event.v1.CreateVenueRequest> lastCreateRequest = new AtomicReference<>();
    private static Server server;

    static synchronized void start() {
        if (server != null) {
            return;
        }
        ServerInterceptor capture = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                lastHeaders.set(headers);
                return next.startCall(call, headers);
            }
        };
        try {
            server = InProcessServerBuilder.forName(NAME).directExecutor()
                    .addService(ServerInterceptors.intercept(new FakeEventService(), capture)).build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores nothing: answers with the venue as given, with ids, as event-service would. */
    @Override
    public void createVenue(io.ticketmesh.proto.event.v1.CreateVenueRequest request,
                            StreamObserver<io.ticketmesh.proto.event.v1.CreateVenueResponse> response) {
        lastCreateRequest.set(request);
        Venue.Builder venue = request.getVenue().toBuilder().setVenueId(FOUND).setOrganizationId(request.getOrganizationId());
        venue.getSeatMapBuilder().getSectionsBuilderList().forEach(section -> section.getRowsBuilderList().forEach(row ->
                row.getSeatsBuilderList().forEach(seat -> seat.setSeatId(java.util.UUID.randomUUID().toString()))));
        response.onNext(io.ticketmesh.proto.event.v1.CreateVenueResponse.newBuilder().setVenue(venue).build());
        response.onCompleted();
    }

    @Override
    public void getVenue(GetVenueRequest request, StreamObserver<GetVenueResponse> response) {
        switch (request.getVenueId()) {
            case FOUND -> {
                response.onNext(GetVenueResponse.newBuilder().setVenue(Venue.newBuilder()
                        .setVenueId(FOUND).setName("Grand Hall").setCity("Berlin").setCapacity(2).setRevision(3_000_000_000L)
                        .setSeatMap(SeatMap.newBuilder().addSections(Section.newBuilder().setName("Stalls")
                                .setKind(SectionKind.SECTION_KIND_SEATED)
                                .addRows(Row.newBuilder().setLabel("A")
                                        .addSeats(Seat.newBuilder().setSeatId("seat-1").setLabel("1").setTier("A")
                                                .addFeatures(SeatFeature.SEAT_FEATURE_WHEELCHAIR))
                                        .addSeats(Seat.newBuilder().setSeatId("seat-2").setLabel("2").setTier("A"))))))
                        .build());
                response.onCompleted();
            }
            case MISSING -> response.onError(GrpcErrors.toStatus(DomainException.notFound("venue", MISSING)));
            case INVALID -> response.onError(GrpcErrors.toStatus(DomainException.invalid("venue_id", "is not yours")));
            case DOWN -> {
                downAttempts.incrementAndGet();
                response.onError(Status.UNAVAILABLE.withDescription("event-service is restarting").asRuntimeException());
            }
            default -> response.onError(Status.UNIMPLEMENTED.withDescription("Method ticketmesh.event.v1.VenueService/GetVenue is unimplemented").asRuntimeException());
        }
    }
}
