package io.ticketmesh.event.persistence;

import static io.ticketmesh.event.persistence.jooq.Tables.SHOWTIME_SEARCH;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.val;

import io.ticketmesh.event.persistence.jooq.tables.ShowtimeSearch;
import io.ticketmesh.event.persistence.jooq.tables.records.ShowtimeSearchRecord;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import io.ticketmesh.proto.event.v1.ShowtimeSummary;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The search reads over {@code showtime_search}: events ranked by how well their showtimes' text matches a query,
 * or, without words, events by their first matching showtime. Both page by keyset, so a page costs the same
 * however deep it is.
 */
@Repository
public class SearchQueries {
    private static final String CONFIG = "english";
    private final DSLContext dsl;

    public SearchQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** What a showtime must satisfy to count; null or empty means no restriction. */
    public record Filters(List<String> statuses, String city, List<String> categories, OffsetDateTime from,
                          OffsetDateTime to, long minPriceMinor, long maxPriceMinor) {}

    /**
     * One event found. {@code start} and {@code showtimeId} are its first matching showtime; {@code score} is 0
     * when browsing without words.
     */
    public record Found(UUID eventId, float score, OffsetDateTime start, UUID showtimeId) {}

    /**
     * Makes PostgreSQL plan the rest of this transaction's searches for their actual values. How selective a city,
     * a category or a date range is varies by orders of magnitude, and a cached generic plan chosen for one (say,
     * scanning by date and filtering by city) can be a hundred times slower for another.
     */
    public void planForActualValues() {
        dsl.execute("set local plan_cache_mode = force_custom_plan");
    }

    /** True when the words carry nothing to search for (empty, punctuation, only stop words). */
    public boolean isBlank(String words) {
        return dsl.select(field("numnode({0})", Integer.class, tsquery(words))).fetchOne().value1() == 0;
    }

    /**
     * Events with a showtime whose headline (title, venue and city, genre) matches {@code words}, best first; ties go
     * to the sooner event. The score is the best showtime's {@code ts_rank} of the headline (title weighs most, then
     * venue and city, then genre), divided by the headline's length so a short exact title beats a long one.
     */
    public List<Found> ranked(String words, Filters filters, Found after, int limit) {
        ShowtimeSearch s = SHOWTIME_SEARCH;
        Field<Float> score = max(field("ts_rank({0}, {1}, 1)", Float.class, s.HEADLINE, tsquery(words)));
        Field<OffsetDateTime> start = min(s.STARTS_AT);
        Condition page = after == null ? DSL.noCondition()
                : score.lt(after.score()).or(score.eq(after.score()).and(row(start, s.EVENT_ID).gt(after.start(), after.eventId())));
        return dsl.select(s.EVENT_ID, score, start).from(s)
                .where(headlineMatches(s, words)).and(matching(s, filters))
                .groupBy(s.EVENT_ID).having(page)
                .orderBy(score.desc(), start, s.EVENT_ID).limit(limit)
                .fetch(r -> new Found(r.value1(), r.value2(), r.value3(), null));
    }

    /**
     * Events by their first matching showtime, soonest first. With {@code words}, only events that match them
     * through their description and not through any headline (those are {@link #ranked}'s). It walks showtimes in
     * start order and keeps those that are their event's first match, so it stops after {@code limit} events
     * instead of ranking every match: a common word in thousands of descriptions costs no more than a rare one.
     */
    public List<Found> soonest(String words, Filters filters, Found after, int limit) {
        ShowtimeSearch s = SHOWTIME_SEARCH.as("s");
        ShowtimeSearch earlier = SHOWTIME_SEARCH.as("earlier");
        Condition page = after == null ? DSL.noCondition() : row(s.STARTS_AT, s.SHOWTIME_ID).gt(after.start(), after.showtimeId());
        Condition descriptionOnly = DSL.noCondition();
        if (words != null) {
            ShowtimeSearch headline = SHOWTIME_SEARCH.as("headline");
            descriptionOnly = documentMatches(s, words).andNotExists(selectOne().from(headline)
                    .where(headline.EVENT_ID.eq(s.EVENT_ID)).and(headlineMatches(headline, words)).and(matching(headline, filters)));
        }
        return dsl.select(s.EVENT_ID, s.STARTS_AT, s.SHOWTIME_ID).from(s)
                .where(matching(s, filters)).and(descriptionOnly).and(page)
                .andNotExists(selectOne().from(earlier).where(earlier.EVENT_ID.eq(s.EVENT_ID)).and(matching(earlier, filters))
                        .and(words == null ? DSL.noCondition() : documentMatches(earlier, words))
                        .and(row(earlier.STARTS_AT, earlier.SHOWTIME_ID).lt(s.STARTS_AT, s.SHOWTIME_ID)))
                .orderBy(s.STARTS_AT, s.SHOWTIME_ID).limit(limit)
                .fetch(r -> new Found(r.value1(), 0f, r.value2(), r.value3()));
    }

    /**
     * The showtimes of these events that match the filters and, unless {@code words} is null, the words; soonest
     * first, at most {@code perEvent} each.
     */
    public Map<UUID, List<ShowtimeSummary>> showtimes(Collection<UUID> eventIds, String words, Filters filters, int perEvent) {
        ShowtimeSearch s = SHOWTIME_SEARCH;
        Condition text = words == null ? DSL.noCondition() : documentMatches(s, words);
        Map<UUID, List<ShowtimeSummary>> byEvent = new HashMap<>();
        dsl.selectFrom(s).where(s.EVENT_ID.in(eventIds)).and(text).and(matching(s, filters))
                .orderBy(s.EVENT_ID, s.STARTS_AT, s.SHOWTIME_ID)
                .forEach(row -> {
                    List<ShowtimeSummary> list = byEvent.computeIfAbsent(row.getEventId(), id -> new ArrayList<>());
                    if (list.size() < perEvent) {
                        list.add(summary(row));
                    }
                });
        return byEvent;
    }

    private static ShowtimeSummary summary(ShowtimeSearchRecord row) {
        ShowtimeSummary.Builder summary = ShowtimeSummary.newBuilder().setShowtimeId(row.getShowtimeId().toString())
                .setStartsAt(StoredTime.timestamp(row.getStartsAt())).setTimezone(row.getTimezone())
                .setStatus(ShowtimeStatus.valueOf("SHOWTIME_STATUS_" + row.getStatus()))
                .setVenueId(row.getVenueId().toString()).setVenueName(row.getVenueName()).setCity(row.getCity());
        Long[] prices = row.getPrices();
        if (prices.length > 0) {
            summary.setMinPrice(Money.newBuilder().setAmountMinor(prices[0]).setCurrency(row.getCurrency()))
                    .setMaxPrice(Money.newBuilder().setAmountMinor(prices[prices.length - 1]).setCurrency(row.getCurrency()));
        }
        return summary.build();
    }

    private static Condition matching(ShowtimeSearch s, Filters filters) {
        Condition condition = s.STATUS.in(filters.statuses());
        if (filters.from() != null) {
            condition = condition.and(s.STARTS_AT.ge(filters.from()));
        }
        if (filters.to() != null) {
            condition = condition.and(s.STARTS_AT.lt(filters.to()));
        }
        if (filters.city() != null) {
            condition = condition.and(s.CITY_KEY.eq(filters.city().toLowerCase(Locale.ROOT)));
        }
        if (!filters.categories().isEmpty()) {
            condition = condition.and(s.CATEGORY.in(filters.categories()));
        }
        if (filters.minPriceMinor() > 0 || filters.maxPriceMinor() > 0) {
            long highest = filters.maxPriceMinor() > 0 ? filters.maxPriceMinor() : Long.MAX_VALUE;
            condition = condition.and(DSL.condition("exists (select 1 from unnest({0}) price where price between {1} and {2})",
                    s.PRICES, val(filters.minPriceMinor()), val(highest)));
        }
        return condition;
    }

    /** The headline has the words, and nothing the words exclude ("-word") is in the description either. */
    private static Condition headlineMatches(ShowtimeSearch s, String words) {
        return DSL.condition("{0} @@ {1}", s.HEADLINE, tsquery(words)).and(documentMatches(s, words));
    }

    private static Condition documentMatches(ShowtimeSearch s, String words) {
        return DSL.condition("{0} @@ {1}", s.DOCUMENT, tsquery(words));
    }

    /**
     * The words as a tsquery, inlined as literals: PostgreSQL then folds the call into a constant when planning, so
     * the GIN index is used and nothing is recomputed per row (a bind variable under a generic plan would not be).
     */
    private static Field<Object> tsquery(String words) {
        return field("websearch_to_tsquery({0}::regconfig, {1})", Object.class, inline(CONFIG), inline(words));
    }
}
