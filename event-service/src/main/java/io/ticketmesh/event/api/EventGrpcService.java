package io.ticketmesh.event.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.event.domain.EventCatalog;
import io.ticketmesh.event.domain.EventSearch;
import io.ticketmesh.event.domain.ShowtimeCatalog;
import io.ticketmesh.event.domain.ShowtimeEditor;
import io.ticketmesh.event.domain.ShowtimeSeats;
import io.ticketmesh.proto.event.v1.CancelShowtimeRequest;
import io.ticketmesh.proto.event.v1.CancelShowtimeResponse;
import io.ticketmesh.proto.event.v1.CreateEventRequest;
import io.ticketmesh.proto.event.v1.CreateEventResponse;
import io.ticketmesh.proto.event.v1.CreateShowtimeRequest;
import io.ticketmesh.proto.event.v1.CreateShowtimeResponse;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.GetEventRequest;
import io.ticketmesh.proto.event.v1.GetEventResponse;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.GetShowtimeResponse;
import io.ticketmesh.proto.event.v1.ListEventsRequest;
import io.ticketmesh.proto.event.v1.ListEventsResponse;
import io.ticketmesh.proto.event.v1.ListShowtimeSeatsRequest;
import io.ticketmesh.proto.event.v1.ListShowtimeSeatsResponse;
import io.ticketmesh.proto.event.v1.ListShowtimesRequest;
import io.ticketmesh.proto.event.v1.ListShowtimesResponse;
import io.ticketmesh.proto.event.v1.PublishShowtimeRequest;
import io.ticketmesh.proto.event.v1.PublishShowtimeResponse;
import io.ticketmesh.proto.event.v1.SearchEventsRequest;
import io.ticketmesh.proto.event.v1.SearchEventsResponse;
import io.ticketmesh.proto.event.v1.UpdateEventRequest;
import io.ticketmesh.proto.event.v1.UpdateEventResponse;
import io.ticketmesh.proto.event.v1.UpdateShowtimeRequest;
import io.ticketmesh.proto.event.v1.UpdateShowtimeResponse;
import org.springframework.stereotype.Service;

/** EventService over gRPC. */
@Service
public class EventGrpcService extends EventServiceGrpc.EventServiceImplBase {
    private final EventCatalog events;
    private final ShowtimeCatalog showtimes;
    private final ShowtimeSeats seats;
    private final EventSearch search;
    private final ShowtimeEditor editor;

    public EventGrpcService(EventCatalog events, ShowtimeCatalog showtimes, ShowtimeSeats seats, EventSearch search,
                            ShowtimeEditor editor) {
        this.events = events;
        this.showtimes = showtimes;
        this.seats = seats;
        this.search = search;
        this.editor = editor;
    }

    @Override
    public void createEvent(CreateEventRequest request, StreamObserver<CreateEventResponse> response) {
        answer(request, events::create, response);
    }

    @Override
    public void updateEvent(UpdateEventRequest request, StreamObserver<UpdateEventResponse> response) {
        answer(request, events::update, response);
    }

    @Override
    public void getEvent(GetEventRequest request, StreamObserver<GetEventResponse> response) {
        answer(request.getEventId(), events::get, response);
    }

    @Override
    public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> response) {
        answer(request, events::list, response);
    }

    @Override
    public void createShowtime(CreateShowtimeRequest request, StreamObserver<CreateShowtimeResponse> response) {
        answer(request, showtimes::create, response);
    }

    @Override
    public void updateShowtime(UpdateShowtimeRequest request, StreamObserver<UpdateShowtimeResponse> response) {
        answer(request, editor::update, response);
    }

    @Override
    public void publishShowtime(PublishShowtimeRequest request, StreamObserver<PublishShowtimeResponse> response) {
        answer(request, showtimes::publish, response);
    }

    @Override
    public void cancelShowtime(CancelShowtimeRequest request, StreamObserver<CancelShowtimeResponse> response) {
        answer(request, showtimes::cancel, response);
    }

    @Override
    public void getShowtime(GetShowtimeRequest request, StreamObserver<GetShowtimeResponse> response) {
        answer(request.getShowtimeId(), showtimes::get, response);
    }

    @Override
    public void listShowtimes(ListShowtimesRequest request, StreamObserver<ListShowtimesResponse> response) {
        answer(request, showtimes::list, response);
    }

    @Override
    public void listShowtimeSeats(ListShowtimeSeatsRequest request, StreamObserver<ListShowtimeSeatsResponse> response) {
        answer(request, seats::list, response);
    }

    @Override
    public void searchEvents(SearchEventsRequest request, StreamObserver<SearchEventsResponse> response) {
        answer(request, search::search, response);
    }
}
