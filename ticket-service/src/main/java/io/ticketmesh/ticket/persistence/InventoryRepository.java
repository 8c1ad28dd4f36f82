package io.ticketmesh.ticket.persistence;

import static io.ticketmesh.ticket.persistence.jooq.Tables.INVENTORY_SHOWTIMES;
import static io.ticketmesh.ticket.persistence.jooq.Tables.SEATS;
import static io.ticketmesh.ticket.persistence.jooq.Tables.STANDING_AREAS;

import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeSeat;
import io.ticketmesh.proto.event.v1.ShowtimeStandingArea;
import io.ticketmesh.ticket.persistence.jooq.tables.records.InventoryShowtimesRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.StandingAreasRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Inventory showtimes with their seats and standing areas, as built from the catalog's announcements. */
@Repository
public class InventoryRepository {
    private final DSLContext dsl;

    public InventoryRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Creates the showtime's inventory header; false if it exists (a redelivered or repeated announcement). */
    public boolean insertShowtime(Showtime showtime, int totalSeats) {
        return dsl.insertInto(INVENTORY_SHOWTIMES)
                .set(INVENTORY_SHOWTIMES.ID, UUID.fromString(showtime.getShowtimeId()))
                .set(INVENTORY_SHOWTIMES.ORGANIZATION_ID, UUID.fromString(showtime.getOrganizationId()))
                .set(INVENTORY_SHOWTIMES.STATUS, "ON_SALE")
                .set(INVENTORY_SHOWTIMES.STARTS_AT, StoredTime.of(showtime.getStartsAt()))
                .set(INVENTORY_SHOWTIMES.SALES_START, showtime.hasSalesStart() ? StoredTime.of(showtime.getSalesStart()) : null)
                .set(INVENTORY_SHOWTIMES.SALES_END, showtime.hasSalesEnd() ? StoredTime.of(showtime.getSalesEnd()) : null)
                .set(INVENTORY_SHOWTIMES.MAX_TICKETS_PER_USER, showtime.getMaxTicketsPerUser())
                .set(INVENTORY_SHOWTIMES.TRANSFERS_CLOSED, showtime.getTransfersClosed())
                .set(INVENTORY_SHOWTIMES.CURRENCY, showtime.getPriceTiers(0).getPrice().getCurrency())
                .set(INVENTORY_SHOWTIMES.TOTAL_SEATS, totalSeats)
                .set(INVENTORY_SHOWTIMES.CATALOG_VERSION, showtime.getVersion())
                .onConflictDoNothing().execute() == 1;
    }

    public void insertSeats(UUID showtimeId, List<ShowtimeSeat> seats) {
        var insert = dsl.insertInto(SEATS, SEATS.SHOWTIME_ID, SEATS.SEAT_ID, SEATS.SECTION_ID, SEATS.SECTION, SEATS.ROW_LABEL,
                SEATS.LABEL, SEATS.ROW_INDEX, SEATS.POSITION_IN_ROW, SEATS.STAGE_DISTANCE, SEATS.TIER, SEATS.PRICE_MINOR, SEATS.FEATURES);
        for (ShowtimeSeat seat : seats) {
            insert = insert.values(showtimeId, UUID.fromString(seat.getSeatId()), UUID.fromString(seat.getSectionId()),
                    seat.getSectionName(), seat.getRowLabel(), seat.getSeatLabel(), seat.getRowIndex(), seat.getPositionInRow(),
                    seat.getStageDistance(), seat.getTier(), seat.getPrice().getAmountMinor(),
                    seat.getFeaturesList().stream().map(f -> f.name().substring("SEAT_FEATURE_".length())).toArray(String[]::new));
        }
        insert.onConflictDoNothing().execute();
    }

    public void insertStandingAreas(UUID showtimeId, List<ShowtimeStandingArea> areas) {
        for (ShowtimeStandingArea area : areas) {
            dsl.insertInto(STANDING_AREAS).set(STANDING_AREAS.SHOWTIME_ID, showtimeId)
                    .set(STANDING_AREAS.SECTION_ID, UUID.fromString(area.getSectionId())).set(STANDING_AREAS.SECTION, area.getSectionName())
                    .set(STANDING_AREAS.CAPACITY, area.getCapacity()).set(STANDING_AREAS.TIER, area.getTier())
                    .set(STANDING_AREAS.PRICE_MINOR, area.getPrice().getAmountMinor()).onConflictDoNothing().execute();
        }
    }

    /** One inventory row per place of the showtime's standing areas (see V4__standing_places.sql); idempotent. */
    public void insertStandingPlaces(UUID showtimeId) {
        dsl.select(DSL.function("add_standing_places", Object.class, DSL.val(showtimeId))).fetch();
    }

    /** The organization selling the showtime, if its inventory exists. */
    public Optional<String> organizationOf(UUID showtimeId) {
        return dsl.select(INVENTORY_SHOWTIMES.ORGANIZATION_ID).from(INVENTORY_SHOWTIMES).where(INVENTORY_SHOWTIMES.ID.eq(showtimeId))
                .fetchOptional(INVENTORY_SHOWTIMES.ORGANIZATION_ID).map(UUID::toString);
    }

    public Optional<InventoryShowtimesRecord> findShowtime(UUID showtimeId) {
        return dsl.selectFrom(INVENTORY_SHOWTIMES).where(INVENTORY_SHOWTIMES.ID.eq(showtimeId)).fetchOptional();
    }

    /**
     * Applies a catalog change newer than the last one applied: times, window, limit, transfers, and prices: of free seats now, of
     * held and sold seats once they are freed (their customers keep the price they were shown).
     */
    public void applyChange(Showtime showtime) {
        UUID id = UUID.fromString(showtime.getShowtimeId());
        int changed = dsl.update(INVENTORY_SHOWTIMES)
                .set(INVENTORY_SHOWTIMES.STARTS_AT, StoredTime.of(showtime.getStartsAt()))
                .set(INVENTORY_SHOWTIMES.SALES_START, showtime.hasSalesStart() ? StoredTime.of(showtime.getSalesStart()) : null)
                .set(INVENTORY_SHOWTIMES.SALES_END, showtime.hasSalesEnd() ? StoredTime.of(showtime.getSalesEnd()) : null)
                .set(INVENTORY_SHOWTIMES.MAX_TICKETS_PER_USER, showtime.getMaxTicketsPerUser())
                .set(INVENTORY_SHOWTIMES.TRANSFERS_CLOSED, showtime.getTransfersClosed())
                .set(INVENTORY_SHOWTIMES.CATALOG_VERSION, showtime.getVersion())
                .where(INVENTORY_SHOWTIMES.ID.eq(id)).and(INVENTORY_SHOWTIMES.CATALOG_VERSION.lt(showtime.getVersion())).execute();
        if (changed == 0) {
            return;
        }
        // only the rows whose price moves are written: a change of times or limits rewrites no seat
        for (var tier : showtime.getPriceTiersList()) {
            long price = tier.getPrice().getAmountMinor();
            dsl.update(SEATS).set(SEATS.PRICE_MINOR, price).where(SEATS.SHOWTIME_ID.eq(id)).and(SEATS.TIER.eq(tier.getTier()))
                    .and(SEATS.STATE.in("AVAILABLE", "BLOCKED")).and(SEATS.PRICE_MINOR.ne(price)).execute();
            dsl.update(SEATS).set(SEATS.PRICE_WHEN_FREED_MINOR, price).where(SEATS.SHOWTIME_ID.eq(id)).and(SEATS.TIER.eq(tier.getTier()))
                    .and(SEATS.STATE.in("HELD", "SOLD")).and(SEATS.PRICE_WHEN_FREED_MINOR.isDistinctFrom(price)).execute();
            dsl.update(STANDING_AREAS).set(STANDING_AREAS.PRICE_MINOR, price).where(STANDING_AREAS.SHOWTIME_ID.eq(id))
                    .and(STANDING_AREAS.TIER.eq(tier.getTier())).and(STANDING_AREAS.PRICE_MINOR.ne(price)).execute();
        }
    }

    /**
     * Whether nothing of the showtime is left to sell: no seat or standing place AVAILABLE or HELD. Read in primary key
     * order, which keeps the planner on the showtime's own rows: as an {@code exists}, it scanned the whole table
     * (every showtime's seats) looking for a match it expected early, 130 ms a look in a bookings run.
     */
    public boolean nothingLeft(UUID showtimeId) {
        return dsl.selectOne().from(SEATS).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.STATE.in(DSL.inline("AVAILABLE"), DSL.inline("HELD")))
                .orderBy(SEATS.SEAT_ID).limit(DSL.inline(1)).fetchOptional().isEmpty();
    }

    /** Records whether the showtime (on sale) is sold out; true when that is a change. */
    public boolean markSoldOut(UUID showtimeId, boolean soldOut) {
        return dsl.update(INVENTORY_SHOWTIMES).set(INVENTORY_SHOWTIMES.SOLD_OUT, soldOut).where(INVENTORY_SHOWTIMES.ID.eq(showtimeId))
                .and(INVENTORY_SHOWTIMES.STATUS.eq("ON_SALE")).and(INVENTORY_SHOWTIMES.SOLD_OUT.ne(soldOut)).execute() == 1;
    }

    /** Every showtime on sale (not cancelled), for a look at each after a restart. */
    public List<UUID> onSale() {
        return dsl.select(INVENTORY_SHOWTIMES.ID).from(INVENTORY_SHOWTIMES).where(INVENTORY_SHOWTIMES.STATUS.eq("ON_SALE"))
                .fetch(INVENTORY_SHOWTIMES.ID);
    }

    public void markCancelled(UUID showtimeId) {
        dsl.update(INVENTORY_SHOWTIMES).set(INVENTORY_SHOWTIMES.STATUS, "CANCELLED").where(INVENTORY_SHOWTIMES.ID.eq(showtimeId)).execute();
    }

    /** How many places of one standing area are in one state, and the highest version among them. */
    public record StandingCount(UUID sectionId, String state, int places, long version) {}

    public List<StandingCount> standingCounts(UUID showtimeId) {
        return dsl.select(SEATS.SECTION_ID, SEATS.STATE, DSL.count(), DSL.max(SEATS.VERSION)).from(SEATS)
                .where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.STANDING.isTrue())
                .groupBy(SEATS.SECTION_ID, SEATS.STATE)
                .fetch(r -> new StandingCount(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    public Result<StandingAreasRecord> standingAreas(UUID showtimeId) {
        return dsl.selectFrom(STANDING_AREAS).where(STANDING_AREAS.SHOWTIME_ID.eq(showtimeId)).orderBy(STANDING_AREAS.SECTION).fetch();
    }
}
