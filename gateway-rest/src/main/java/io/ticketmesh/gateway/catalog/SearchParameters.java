package io.ticketmesh.gateway.catalog;

import com.google.protobuf.Timestamp;
import io.ticketmesh.gateway.web.QueryLists;
import io.ticketmesh.gateway.web.QueryTimes;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.event.v1.EventCategory;
import io.ticketmesh.proto.event.v1.SearchEventsRequest;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The query string of {@code GET /api/v1/events} as a SearchEventsRequest. Categories and statuses may repeat or be
 * comma-separated ({@code category=THEATRE,OPERA}); {@code from} and {@code to} are RFC 3339 times or plain dates
 * (midnight UTC). Every unreadable parameter is reported at once.
 */
final class SearchParameters {
    private final List<FieldViolation> violations = new ArrayList<>();
    private final SearchEventsRequest.Builder request = SearchEventsRequest.newBuilder();

    private SearchParameters() {}

    record Raw(String query, String city, List<String> categories, String from, String to, long minPriceMinor,
               long maxPriceMinor, List<String> statuses, int pageSize, String pageToken) {}

    static SearchEventsRequest parse(Raw raw) {
        SearchParameters parameters = new SearchParameters();
        SearchEventsRequest.Builder request = parameters.request.setQuery(raw.query()).setCity(raw.city())
                .setMinPriceMinor(raw.minPriceMinor()).setMaxPriceMinor(raw.maxPriceMinor())
                .setPageSize(raw.pageSize()).setPageToken(raw.pageToken());
        for (String name : QueryLists.values(raw.categories())) {
            parameters.enumValue("category", "EVENT_CATEGORY_", name, EventCategory.class, request::addCategories);
        }
        for (String name : QueryLists.values(raw.statuses())) {
            parameters.enumValue("status", "SHOWTIME_STATUS_", name, ShowtimeStatus.class, request::addStatuses);
        }
        parameters.time("from", raw.from(), request::setFrom);
        parameters.time("to", raw.to(), request::setTo);
        if (!parameters.violations.isEmpty()) {
            throw DomainException.invalid(parameters.violations);
        }
        return request.build();
    }

    private <E extends Enum<E>> void enumValue(String field, String prefix, String name, Class<E> type, Consumer<E> add) {
        try {
            E value = Enum.valueOf(type, prefix + name.toUpperCase(Locale.ROOT));
            if (value.ordinal() > 0) {
                add.accept(value);
                return;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        violations.add(new FieldViolation(field, "unknown value " + name));
    }

    private void time(String field, String value, Consumer<Timestamp> set) {
        if (value.isBlank()) {
            return;
        }
        Timestamp time = QueryTimes.parse(value);
        if (time == null) {
            violations.add(new FieldViolation(field, QueryTimes.FORMAT));
        } else {
            set.accept(time);
        }
    }
}
