package io.ticketmesh.event.domain;

import io.ticketmesh.event.persistence.EventRepository;
import io.ticketmesh.event.persistence.SearchIndex;
import io.ticketmesh.event.persistence.ShowtimeRepository;
import io.ticketmesh.event.persistence.VenueRepository;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.paging.Page;
import io.ticketmesh.platform.validation.FieldMasks;
import io.ticketmesh.platform.validation.UpdateMasks;
import io.ticketmesh.proto.event.v1.CreateEventRequest;
import io.ticketmesh.proto.event.v1.CreateEventResponse;
import io.ticketmesh.proto.event.v1.Event;
import io.ticketmesh.proto.event.v1.GetEventResponse;
import io.ticketmesh.proto.event.v1.ListEventsRequest;
import io.ticketmesh.proto.event.v1.ListEventsResponse;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeSummary;
import io.ticketmesh.proto.event.v1.UpdateEventRequest;
import io.ticketmesh.proto.event.v1.UpdateEventResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Events: created and changed by the organization's OWNERs, read by anyone with their upcoming showtimes. */
@Service
public class EventCatalog {
    private static final int DEFAULT_PAGE = 50;

    private final EventRepository events;
    private final ShowtimeRepository showtimes;
    private final VenueRepository venues;
    private final IdempotentRequests idempotent;
    private final SearchIndex search;

    public EventCatalog(EventRepository events, ShowtimeRepository showtimes, VenueRepository venues, IdempotentRequests idempotent,
                        SearchIndex search) {
        this.events = events;
        this.showtimes = showtimes;
        this.venues = venues;
        this.idempotent = idempotent;
        this.search = search;
    }

    @Transactional
    public CreateEventResponse create(CreateEventRequest request) {
        CallerContext.current().requireOwner(request.getOrganizationId());
        return idempotent.once(request.getRequestId(), request, CreateEventResponse.parser(), () -> CreateEventResponse.newBuilder()
                .setEvent(events.insert(UUID.fromString(request.getOrganizationId()), request.getEvent())).build());
    }

    @Transactional
    public UpdateEventResponse update(UpdateEventRequest request) {
        UUID eventId = parseId("event.event_id", request.getEvent().getEventId());
        Event current = events.findForUpdate(eventId).orElseThrow(() -> DomainException.notFound("event", eventId.toString()));
        CallerContext.current().requireOwner(current.getOrganizationId());
        UpdateMasks.requireEditable(request.getUpdateMask(), Event.getDescriptor(), "");
        return idempotent.once(request.getRequestId(), request, UpdateEventResponse.parser(), () -> {
            Event updated = events.update(eventId, FieldMasks.overlay(current, request.getEvent(), request.getUpdateMask()));
            search.refreshEvent(eventId);
            return UpdateEventResponse.newBuilder().setEvent(updated).build();
        });
    }

    /** The event with its showtimes that have not started; drafts only for the organization's members. */
    @Transactional(readOnly = true)
    public GetEventResponse get(String id) {
        UUID eventId = parseId("event_id", id);
        Event event = events.find(eventId).orElseThrow(() -> DomainException.notFound("event", id));
        boolean member = CallerContext.current().isMemberOf(event.getOrganizationId());
        GetEventResponse.Builder response = GetEventResponse.newBuilder().setEvent(event);
        showtimes.list(ShowtimeRepository.Owner.event(eventId), Instant.now(), member, null, 100).stream()
                .map(this::summary)
                .forEach(response::addUpcomingShowtimes);
        return response.build();
    }

    /** The organization's events, newest first; for anyone but its members only those with a showtime out of DRAFT. */
    @Transactional(readOnly = true)
    public ListEventsResponse list(ListEventsRequest request) {
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE : request.getPageSize();
        Cursor after = Cursor.parse(request);
        boolean member = CallerContext.current().isMemberOf(request.getOrganizationId());
        List<Event> read = events.list(UUID.fromString(request.getOrganizationId()), member, after, size + 1);
        var page = Page.of(read, size, row -> Cursor.of(row.getCreatedAt(), row.getEventId()), request);
        return ListEventsResponse.newBuilder().addAllEvents(page.rows()).setNextPageToken(page.nextToken()).build();
    }

    ShowtimeSummary summary(Showtime showtime) {
        ShowtimeSummary.Builder summary = ShowtimeSummary.newBuilder().setShowtimeId(showtime.getShowtimeId())
                .setStartsAt(showtime.getStartsAt()).setTimezone(showtime.getTimezone()).setStatus(showtime.getStatus())
                .setVenueId(showtime.getVenueId());
        venues.label(UUID.fromString(showtime.getVenueId())).ifPresent(v -> summary.setVenueName(v.name()).setCity(v.city()));
        showtime.getPriceTiersList().stream().map(t -> t.getPrice()).min(Comparator.comparingLong(m -> m.getAmountMinor()))
                .ifPresent(summary::setMinPrice);
        showtime.getPriceTiersList().stream().map(t -> t.getPrice()).max(Comparator.comparingLong(m -> m.getAmountMinor()))
                .ifPresent(summary::setMaxPrice);
        return summary.build();
    }

    static UUID parseId(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "must be an id (UUID)");
        }
    }
}
