package io.ticketmesh.event.domain;

import io.ticketmesh.event.persistence.EventRepository;
import io.ticketmesh.event.persistence.SearchQueries;
import io.ticketmesh.event.persistence.SearchQueries.Filters;
import io.ticketmesh.event.persistence.SearchQueries.Found;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.event.v1.EventCategory;
import io.ticketmesh.proto.event.v1.SearchEventsRequest;
import io.ticketmesh.proto.event.v1.SearchEventsResponse;
import io.ticketmesh.proto.event.v1.SearchHit;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import io.ticketmesh.proto.event.v1.ShowtimeSummary;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SearchEvents: finds events by words and filters over their upcoming showtimes. Each hit carries the showtimes
 * that matched (at most {@link #SHOWTIMES_PER_HIT}), so a result list can show dates, venues and prices at once.
 */
@Service
public class EventSearch {
    static final int SHOWTIMES_PER_HIT = 10;
    private static final int DEFAULT_PAGE_SIZE = 20;

    private final SearchQueries queries;
    private final EventRepository events;
    private final Clock clock;

    public EventSearch(SearchQueries queries, EventRepository events) {
        this.queries = queries;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    @Transactional(readOnly = true)
    public SearchEventsResponse search(SearchEventsRequest request) {
        Filters filters = filters(request);
        queries.planForActualValues();
        String words = request.getQuery().isBlank() || queries.isBlank(request.getQuery()) ? null : request.getQuery();
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
        SearchCursor.Position after = SearchCursor.parse(request.getPageToken(), words != null);
        List<Found> found = new ArrayList<>();
        SearchCursor.Tier tier = after.tier();
        if (tier == SearchCursor.Tier.RANKED) {
            found.addAll(queries.ranked(words, filters, after.last(), size + 1));
            if (found.size() <= size) {
                tier = SearchCursor.Tier.SOONEST;
                after = new SearchCursor.Position(tier, null);
            }
        }
        if (tier == SearchCursor.Tier.SOONEST) {
            found.addAll(queries.soonest(words, filters, after.last(), size + 1 - found.size()));
        }
        List<Found> page = found.subList(0, Math.min(size, found.size()));
        SearchEventsResponse.Builder response = SearchEventsResponse.newBuilder();
        if (page.isEmpty()) {
            return response.build();
        }
        Map<UUID, Found> byEvent = new LinkedHashMap<>();
        page.forEach(f -> byEvent.put(f.eventId(), f));
        var details = events.findAll(byEvent.keySet());
        Map<UUID, List<ShowtimeSummary>> showtimes = queries.showtimes(byEvent.keySet(), words, filters, SHOWTIMES_PER_HIT);
        byEvent.forEach((eventId, hit) -> response.addHits(SearchHit.newBuilder().setEvent(details.get(eventId))
                .addAllShowtimes(showtimes.getOrDefault(eventId, List.of())).setScore(hit.score())));
        if (found.size() > size) {
            response.setNextPageToken(SearchCursor.after(page.getLast(), tier, words != null));
        }
        return response.build();
    }

    private Filters filters(SearchEventsRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        OffsetDateTime from = request.hasFrom() ? time(request.getFrom()) : OffsetDateTime.now(clock);
        OffsetDateTime to = request.hasTo() ? time(request.getTo()) : null;
        if (to != null && !to.isAfter(from)) {
            violations.add(new FieldViolation("to", "must be after from (or after now when from is not given)"));
        }
        if (request.getMaxPriceMinor() > 0 && request.getMaxPriceMinor() < request.getMinPriceMinor()) {
            violations.add(new FieldViolation("max_price_minor", "must not be below min_price_minor"));
        }
        if (!violations.isEmpty()) {
            throw DomainException.invalid(violations);
        }
        List<String> statuses = request.getStatusesList().isEmpty() ? List.of(name(ShowtimeStatus.SHOWTIME_STATUS_ON_SALE))
                : request.getStatusesList().stream().map(EventSearch::name).distinct().toList();
        List<String> categories = request.getCategoriesList().stream().map(EventSearch::name).distinct().toList();
        String city = request.getCity().isBlank() ? null : request.getCity().strip();
        return new Filters(statuses, city, categories, from, to, request.getMinPriceMinor(), request.getMaxPriceMinor());
    }

    private static String name(ShowtimeStatus status) {
        return status.name().substring("SHOWTIME_STATUS_".length());
    }

    private static String name(EventCategory category) {
        return category.name().substring("EVENT_CATEGORY_".length());
    }

    private static OffsetDateTime time(com.google.protobuf.Timestamp timestamp) {
        return ShowtimeRules.seconds(timestamp).atOffset(ZoneOffset.UTC);
    }
}
