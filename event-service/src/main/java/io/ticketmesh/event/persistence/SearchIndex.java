package io.ticketmesh.event.persistence;

import static io.ticketmesh.event.persistence.jooq.Tables.SHOWTIME_SEARCH;
import static io.ticketmesh.event.persistence.jooq.Tables.SHOWTIME_SEARCH_SOURCE;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Keeps {@code showtime_search} in step with the catalog: every write that changes what search sees (a showtime's
 * status, times or prices, an event's text, a venue's name or city) copies the affected rows over from the
 * {@code showtime_search_source} view in the writer's transaction.
 */
@Repository
public class SearchIndex {
    private final DSLContext dsl;

    public SearchIndex(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void refreshShowtime(UUID showtimeId) {
        refresh(SHOWTIME_SEARCH_SOURCE.SHOWTIME_ID.eq(showtimeId));
    }

    public void refreshEvent(UUID eventId) {
        refresh(SHOWTIME_SEARCH_SOURCE.EVENT_ID.eq(eventId));
    }

    public void refreshVenue(UUID venueId) {
        refresh(SHOWTIME_SEARCH_SOURCE.VENUE_ID.eq(venueId));
    }

    private void refresh(Condition rows) {
        Field<?>[] columns = SHOWTIME_SEARCH.fields();
        Field<?>[] source = Arrays.stream(columns).map(c -> SHOWTIME_SEARCH_SOURCE.field(c.getName())).toArray(Field[]::new);
        Map<Field<?>, Field<?>> replace = Arrays.stream(columns).filter(c -> !c.equals(SHOWTIME_SEARCH.SHOWTIME_ID))
                .collect(Collectors.toMap(Function.identity(), DSL::excluded));
        dsl.insertInto(SHOWTIME_SEARCH).columns(columns).select(dsl.select(source).from(SHOWTIME_SEARCH_SOURCE).where(rows))
                .onConflict(SHOWTIME_SEARCH.SHOWTIME_ID).doUpdate().set(replace).execute();
    }
}
