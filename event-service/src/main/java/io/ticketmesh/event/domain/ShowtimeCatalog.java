package io.ticketmesh.event.domain;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.ticketmesh.event.persistence.EventRepository;
import io.ticketmesh.event.persistence.SearchIndex;
import io.ticketmesh.event.persistence.ShowtimeRepository;
import io.ticketmesh.event.persistence.VenueRepository;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.paging.Page;
import io.ticketmesh.proto.event.v1.CancelShowtimeRequest;
import io.ticketmesh.proto.event.v1.CancelShowtimeResponse;
import io.ticketmesh.proto.event.v1.CreateShowtimeRequest;
import io.ticketmesh.proto.event.v1.CreateShowtimeResponse;
import io.ticketmesh.proto.event.v1.Event;
import io.ticketmesh.proto.event.v1.GetShowtimeResponse;
import io.ticketmesh.proto.event.v1.ListShowtimesRequest;
import io.ticketmesh.proto.event.v1.ListShowtimesResponse;
import io.ticketmesh.proto.event.v1.PublishShowtimeRequest;
import io.ticketmesh.proto.event.v1.PublishShowtimeResponse;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeCancelled;
import io.ticketmesh.proto.event.v1.ShowtimeOrBuilder;
import io.ticketmesh.proto.event.v1.ShowtimePublished;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Showtimes: created in DRAFT by the organization's OWNERs, published (ON_SALE, announced by ShowtimePublished so
 * ticket-service builds the inventory) and cancelled (ShowtimeCancelled). Each announcement is written through the
 * outbox in the transaction that changes the status, so it is published exactly when the change commits.
 */
@Service
public class ShowtimeCatalog {
    /** The Kafka topic of showtime events, keyed by showtime id. */
    public static final String TOPIC = "ticketmesh.catalog.showtimes";
    static final int DEFAULT_MAX_TICKETS = 10;
    static final com.google.protobuf.Duration DEFAULT_LENGTH = Durations.fromHours(2);

    private final ShowtimeRepository showtimes;
    private final EventRepository events;
    private final VenueRepository venues;
    private final IdempotentRequests idempotent;
    private final Outbox outbox;
    private final SearchIndex search;
    private final Clock clock;

    public ShowtimeCatalog(ShowtimeRepository showtimes, EventRepository events, VenueRepository venues,
                           IdempotentRequests idempotent, Outbox outbox, SearchIndex search) {
        this.showtimes = showtimes;
        this.events = events;
        this.venues = venues;
        this.idempotent = idempotent;
        this.outbox = outbox;
        this.search = search;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public CreateShowtimeResponse create(CreateShowtimeRequest request) {
        UUID eventId = EventCatalog.parseId("event_id", request.getEventId());
        Event event = events.find(eventId).orElseThrow(() -> DomainException.notFound("event", eventId.toString()));
        CallerContext.current().requireOwner(event.getOrganizationId());
        return idempotent.once(request.getRequestId(), request, CreateShowtimeResponse.parser(), () -> {
            Showtime wanted = request.getShowtime();
            var venue = venues.facts(EventCatalog.parseId("showtime.venue_id", wanted.getVenueId()))
                    .orElseThrow(() -> DomainException.invalid("showtime.venue_id", "no such venue"));
            ShowtimeRules.check(wanted, venue, event.getOrganizationId(), clock.instant());
            Showtime.Builder showtime = wanted.toBuilder().setEventId(event.getEventId()).setOrganizationId(event.getOrganizationId())
                    .setTimezone(venue.timezone())
                    .setMaxTicketsPerUser(maxTicketsPerUser(wanted));
            if (!wanted.hasEndsAt()) {
                var length = event.getDuration().getSeconds() > 0 ? event.getDuration() : DEFAULT_LENGTH;
                showtime.setEndsAt(Timestamps.add(wanted.getStartsAt(), length));
            }
            Showtime created = showtimes.insert(showtime.build());
            search.refreshShowtime(UUID.fromString(created.getShowtimeId()));
            return CreateShowtimeResponse.newBuilder().setShowtime(created).build();
        });
    }

    /** DRAFT to ON_SALE, announced once; publishing again returns the showtime unchanged. */
    @Transactional
    public PublishShowtimeResponse publish(PublishShowtimeRequest request) {
        Showtime current = locked(request.getShowtimeId());
        CallerContext.current().requireOwner(current.getOrganizationId());
        return idempotent.once(request.getRequestId(), request, PublishShowtimeResponse.parser(), () -> {
            switch (current.getStatus()) {
                case SHOWTIME_STATUS_ON_SALE, SHOWTIME_STATUS_SOLD_OUT -> {
                    return PublishShowtimeResponse.newBuilder().setShowtime(current).build();
                }
                case SHOWTIME_STATUS_DRAFT -> { }
                default -> throw DomainException.invalidState("a " + current.getStatus().name().substring(16).toLowerCase()
                        + " showtime cannot be published");
            }
            var venue = venues.facts(UUID.fromString(current.getVenueId())).orElseThrow();
            Showtime published = showtimes.markPublished(UUID.fromString(current.getShowtimeId()), venue.revision());
            search.refreshShowtime(UUID.fromString(published.getShowtimeId()));
            outbox.append(TOPIC, ShowtimePublished.newBuilder()
                    .setMetadata(EventMetadatas.next(published.getShowtimeId(), published.getVersion()))
                    .setShowtime(published).setTotalPlaces(venue.capacity()).build());
            return PublishShowtimeResponse.newBuilder().setShowtime(published).build();
        });
    }

    /** To CANCELLED, announced once (booking-service refunds, ticket-service stops selling). */
    @Transactional
    public CancelShowtimeResponse cancel(CancelShowtimeRequest request) {
        Showtime current = locked(request.getShowtimeId());
        CallerContext.current().requireOwner(current.getOrganizationId());
        return idempotent.once(request.getRequestId(), request, CancelShowtimeResponse.parser(), () -> {
            if (current.getStatus() == ShowtimeStatus.SHOWTIME_STATUS_CANCELLED) {
                return CancelShowtimeResponse.newBuilder().setShowtime(current).build();
            }
            if (current.getStatus() == ShowtimeStatus.SHOWTIME_STATUS_ENDED) {
                throw DomainException.invalidState("an ended showtime cannot be cancelled");
            }
            Showtime cancelled = showtimes.markCancelled(UUID.fromString(current.getShowtimeId()), request.getReason());
            search.refreshShowtime(UUID.fromString(cancelled.getShowtimeId()));
            outbox.append(TOPIC, ShowtimeCancelled.newBuilder()
                    .setMetadata(EventMetadatas.next(cancelled.getShowtimeId(), cancelled.getVersion()))
                    .setShowtime(cancelled).setReason(request.getReason()).build());
            return CancelShowtimeResponse.newBuilder().setShowtime(cancelled).build();
        });
    }

    /** A showtime; a draft is visible only to its organization's members. */
    @Transactional(readOnly = true)
    public GetShowtimeResponse get(String id) {
        Showtime showtime = visible(showtimes.find(EventCatalog.parseId("showtime_id", id)).orElse(null), id);
        var venue = venues.label(UUID.fromString(showtime.getVenueId())).orElseThrow();
        return GetShowtimeResponse.newBuilder().setShowtime(showtime)
                .setEvent(events.find(UUID.fromString(showtime.getEventId())).orElseThrow())
                .setVenueName(venue.name()).setCity(venue.city()).build();
    }

    @Transactional(readOnly = true)
    public ListShowtimesResponse list(ListShowtimesRequest request) {
        int size = request.getPageSize() == 0 ? 50 : request.getPageSize();
        Cursor after = Cursor.parse(request);
        Instant from = request.hasFrom() ? ShowtimeRules.seconds(request.getFrom()) : clock.instant();
        String organizationId = request.hasOrganizationId() ? request.getOrganizationId()
                : events.find(UUID.fromString(request.getEventId())).map(Event::getOrganizationId).orElse(null);
        if (organizationId == null) {
            return ListShowtimesResponse.getDefaultInstance();
        }
        var owner = request.hasEventId() ? ShowtimeRepository.Owner.event(UUID.fromString(request.getEventId()))
                : ShowtimeRepository.Owner.organization(UUID.fromString(organizationId));
        var read = showtimes.list(owner, from, CallerContext.current().isMemberOf(organizationId), after, size + 1);
        var page = Page.of(read, size, row -> Cursor.of(row.getStartsAt(), row.getShowtimeId()), request);
        return ListShowtimesResponse.newBuilder().addAllShowtimes(page.rows()).setNextPageToken(page.nextToken()).build();
    }

    /** The showtime's per-customer limit: 0 (unset) means the platform default, at creation and in a change alike. */
    static int maxTicketsPerUser(ShowtimeOrBuilder wanted) {
        return wanted.getMaxTicketsPerUser() == 0 ? DEFAULT_MAX_TICKETS : wanted.getMaxTicketsPerUser();
    }

    private Showtime locked(String id) {
        UUID showtimeId = EventCatalog.parseId("showtime_id", id);
        return showtimes.findForUpdate(showtimeId).orElseThrow(() -> DomainException.notFound("showtime", id));
    }

    private Showtime visible(Showtime showtime, String id) {
        if (showtime == null || !isVisible(showtime)) {
            throw DomainException.notFound("showtime", id);
        }
        return showtime;
    }

    private static boolean isVisible(Showtime showtime) {
        return showtime.getStatus() != ShowtimeStatus.SHOWTIME_STATUS_DRAFT
                || CallerContext.current().isMemberOf(showtime.getOrganizationId());
    }
}
