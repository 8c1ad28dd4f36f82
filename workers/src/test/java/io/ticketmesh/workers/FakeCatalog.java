package io.ticketmesh.workers;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.proto.event.v1.Event;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.GetShowtimeResponse;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.GetVenueResponse;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process event-service for the workers' mails: the showtimes a test puts (each with its event's title) and
 * one venue for all of them, counting its venue reads; any other showtime is NOT_FOUND, as a real catalog answers for
 * one it does not have.
 */
final class FakeCatalog {
    static final String NAME = "fake-catalog";
    static final Venue VENUE = Venue.newBuilder().setName("Globe Theatre").setAddress("21 New Globe Walk").setCity("London").build();
    static final AtomicInteger venueReads = new AtomicInteger();
    private static final Map<String, GetShowtimeResponse> showtimes = new ConcurrentHashMap<>();
    private static Server server;

    private FakeCatalog() {}

    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = InProcessServerBuilder.forName(NAME).directExecutor().addService(new Events()).addService(new Venues()).build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The showtime as event-service now has it (a later put is the organizer's change). */
    static void put(Showtime showtime, String title) {
        showtimes.put(showtime.getShowtimeId(), GetShowtimeResponse.newBuilder().setShowtime(showtime)
                .setEvent(Event.newBuilder().setEventId(showtime.getEventId()).setTitle(title)).build());
    }

    private static final class Events extends EventServiceGrpc.EventServiceImplBase {
        @Override
        public void getShowtime(GetShowtimeRequest request, StreamObserver<GetShowtimeResponse> response) {
            GetShowtimeResponse found = showtimes.get(request.getShowtimeId());
            if (found == null) {
                response.onError(Status.NOT_FOUND.withDescription("showtime " + request.getShowtimeId() + " not found").asRuntimeException());
                return;
            }
            response.onNext(found);
            response.onCompleted();
        }
    }

    private static final class Venues extends VenueServiceGrpc.VenueServiceImplBase {
        @Override
        public void getVenue(GetVenueRequest request, StreamObserver<GetVenueResponse> response) {
            venueReads.incrementAndGet();
            response.onNext(GetVenueResponse.newBuilder().setVenue(VENUE.toBuilder().setVenueId(request.getVenueId())).build());
            response.onCompleted();
        }
    }
}
