package io.ticketmesh.ticket.persistence;

import static io.ticketmesh.platform.persistence.IdArrays.texts;
import static io.ticketmesh.platform.persistence.IdArrays.uuids;
import static io.ticketmesh.ticket.persistence.jooq.Sequences.INVENTORY_VERSION;
import static io.ticketmesh.ticket.persistence.jooq.Tables.HOLDS;
import static io.ticketmesh.ticket.persistence.jooq.Tables.INVENTORY_SHOWTIMES;
import static io.ticketmesh.ticket.persistence.jooq.Tables.SEATS;

import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Holds and the seat changes they make. PostgreSQL is the authority: a seat is taken only by a conditional update
 * of its row from AVAILABLE, so no seat is ever in two holds or two bookings, whatever happens above.
 */
@Repository
public class HoldRepository {
    /** {@link #sellAndConfirm}: the booking, the time and the hold for the hold, then the booking, showtime, seats and hold for its seats. */
    private static final String SELL_AND_CONFIRM = """
            with confirmed as (update holds set status = 'CONFIRMED', booking_id = ?, ended_at = cast(? as timestamptz) where id = ?)
            update seats set state = 'SOLD', hold_id = null, booking_id = ?, version = nextval('inventory_version')
            where showtime_id = ? and seat_id = any (?) and hold_id = ? and state = 'HELD'
            returning *""";
    private final DSLContext dsl;

    public HoldRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Serializes holds of these customers on the showtime until the transaction ends, for the per-customer limit.
     * The locks are taken in one order, so two batches naming the same customers cannot deadlock.
     */
    public void lockCustomers(UUID showtimeId, Collection<UUID> userIds) {
        String[] keys = userIds.stream().map(userId -> showtimeId + "/" + userId).distinct().sorted().toArray(String[]::new);
        dsl.resultQuery("select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest({0}::text[]) with ordinality as t(k, n) order by n",
                texts(keys)).fetch();
    }

    /**
     * Seats each of these customers holds or has bought for the showtime, not counting those held or sold at the box
     * office (the organization's sales, not theirs); customers with none are absent. The
     * statuses are inlined, as in every query meant for a partial index: a bound parameter leaves the planner's
     * generic plan unable to prove the index's predicate, and it falls back to scanning every hold ever made.
     */
    public Map<UUID, Integer> seatsOfCustomers(UUID showtimeId, Collection<UUID> userIds) {
        var seats = DSL.sum(DSL.field("cardinality({0})", Integer.class, HOLDS.SEAT_IDS));
        return dsl.select(HOLDS.USER_ID, seats).from(HOLDS).where(HOLDS.SHOWTIME_ID.eq(showtimeId)).and(HOLDS.USER_ID.eq(DSL.any(uuids(userIds))))
                .and(HOLDS.STATUS.in(DSL.inline("ACTIVE"), DSL.inline("CONFIRMED"))).and(DSL.not(DSL.condition(HOLDS.BOX_OFFICE)))
                .groupBy(HOLDS.USER_ID)
                .fetchMap(HOLDS.USER_ID, row -> row.value2().intValue());
    }

    /**
     * Of these seats, those AVAILABLE now, locked until the transaction ends. Seats another transaction is changing
     * right now are skipped, not waited for: under contention the loser learns at once, and no two holds can deadlock.
     */
    public Set<UUID> lockAvailable(UUID showtimeId, Collection<UUID> seatIds) {
        return dsl.select(SEATS.SEAT_ID).from(SEATS)
                .where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.eq(DSL.any(uuids(seatIds)))).and(SEATS.STATE.eq("AVAILABLE"))
                .orderBy(SEATS.SEAT_ID).forUpdate().skipLocked().fetchSet(SEATS.SEAT_ID);
    }

    /**
     * Marks each seat HELD by its hold; the seats must have been locked by {@link #lockAvailable}, and a seat that is
     * no longer AVAILABLE is left alone (the caller compares counts). Returns the seats with their new versions. The
     * seat ids are named in the index condition too, so the planner cannot choose to walk the whole showtime (as it
     * would when the showtime is newer than its statistics and looks like a handful of rows).
     */
    public Result<SeatsRecord> holdFor(UUID showtimeId, Map<UUID, UUID> holdBySeat) {
        Table<?> wanted = DSL.table("unnest({0}::uuid[], {1}::uuid[])", uuids(holdBySeat.keySet()), uuids(holdBySeat.values()))
                .as("wanted", "seat_id", "hold_id");
        Field<UUID> seat = DSL.field(DSL.name("wanted", "seat_id"), UUID.class);
        Field<UUID> hold = DSL.field(DSL.name("wanted", "hold_id"), UUID.class);
        return dsl.update(SEATS).set(SEATS.STATE, "HELD").set(SEATS.HOLD_ID, hold).set(SEATS.VERSION, INVENTORY_VERSION.nextval())
                .from(wanted).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.eq(DSL.any(uuids(holdBySeat.keySet()))))
                .and(SEATS.SEAT_ID.eq(seat)).and(SEATS.STATE.eq("AVAILABLE"))
                .returning().fetch();
    }

    /** Of these seat ids, those the showtime has. */
    public Set<UUID> seatsOfShowtime(UUID showtimeId, Collection<UUID> seatIds) {
        return dsl.select(SEATS.SEAT_ID).from(SEATS).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.eq(DSL.any(uuids(seatIds))))
                .fetchSet(SEATS.SEAT_ID);
    }

    /** Frees the seats the hold still holds; returns them with their new versions. */
    public List<SeatsRecord> free(HoldsRecord hold) {
        return freeAll(List.of(hold)).getOrDefault(hold.getId(), List.of());
    }

    /**
     * Frees the seats these holds (of any showtimes) still hold; returns them with their new versions, by hold (a
     * hold that freed nothing is absent). Each seat is found by its whole primary key, from its hold's own seat list,
     * so no plan can walk a showtime whatever its statistics, and freed only while that hold holds it; showtimes of
     * one venue share seat ids, so a seat id alone does not tell which hold freed it. No index names a seat's hold:
     * holding and freeing change only unindexed columns, so PostgreSQL updates the row in place (a HOT update, no new
     * index entries).
     */
    public Map<UUID, List<SeatsRecord>> freeAll(Collection<HoldsRecord> holds) {
        List<UUID> showtimeIds = new ArrayList<>();
        List<UUID> seatIds = new ArrayList<>();
        List<UUID> holdIds = new ArrayList<>();
        for (HoldsRecord hold : holds) {
            for (UUID seatId : hold.getSeatIds()) {
                showtimeIds.add(hold.getShowtimeId());
                seatIds.add(seatId);
                holdIds.add(hold.getId());
            }
        }
        if (seatIds.isEmpty()) {
            return Map.of();
        }
        Table<?> freeing = DSL.table("unnest({0}::uuid[], {1}::uuid[], {2}::uuid[])", uuids(showtimeIds), uuids(seatIds),
                uuids(holdIds)).as("freeing", "showtime_id", "seat_id", "hold_id");
        Field<UUID> holdId = DSL.field(DSL.name("freeing", "hold_id"), UUID.class);
        Field<UUID> freedBy = holdId.as("freed_by");
        List<SelectField<?>> returned = new ArrayList<>(List.of(SEATS.fields()));
        returned.add(freedBy);
        return dsl.update(SEATS).set(SEATS.STATE, "AVAILABLE").setNull(SEATS.HOLD_ID).set(SEATS.VERSION, INVENTORY_VERSION.nextval())
                .set(freedPrice()).from(freeing).where(SEATS.SHOWTIME_ID.eq(DSL.field(DSL.name("freeing", "showtime_id"), UUID.class)))
                .and(SEATS.SEAT_ID.eq(DSL.field(DSL.name("freeing", "seat_id"), UUID.class)))
                .and(SEATS.HOLD_ID.eq(holdId)).and(SEATS.STATE.eq("HELD"))
                .returningResult(returned).fetch().stream()
                .collect(Collectors.groupingBy(row -> row.get(freedBy), Collectors.mapping(row -> row.into(SEATS), Collectors.toList())));
    }

    /** A freed seat takes the price a catalog change set aside for it while it was held or sold, if any. */
    private static Map<Field<?>, Object> freedPrice() {
        return Map.of(SEATS.PRICE_MINOR, DSL.coalesce(SEATS.PRICE_WHEN_FREED_MINOR, SEATS.PRICE_MINOR),
                SEATS.PRICE_WHEN_FREED_MINOR, DSL.inline(null, SEATS.PRICE_WHEN_FREED_MINOR));
    }

    /**
     * Turns the hold's HELD seats into SOLD for the booking and ends the hold CONFIRMED for it at {@code endedAt}, in one
     * statement (the hold's update is a data-modifying CTE); returns the seats sold with their new versions. The caller
     * checks that they are all of the hold's seats, and rolls back otherwise.
     */
    public Result<SeatsRecord> sellAndConfirm(HoldsRecord hold, UUID bookingId, OffsetDateTime endedAt) {
        return dsl.resultQuery(SELL_AND_CONFIRM, DSL.val(bookingId, HOLDS.BOOKING_ID), DSL.val(endedAt, HOLDS.ENDED_AT),
                DSL.val(hold.getId(), HOLDS.ID), DSL.val(bookingId, SEATS.BOOKING_ID), DSL.val(hold.getShowtimeId(), SEATS.SHOWTIME_ID),
                uuids(hold.getSeatIds()), DSL.val(hold.getId(), SEATS.HOLD_ID)).fetchInto(SEATS);
    }

    /** Sells exactly these seats to the booking if every one is AVAILABLE now (a late payment taking its seats back). */
    public Result<SeatsRecord> sellIfAvailable(UUID showtimeId, List<UUID> seatIds, UUID bookingId) {
        var free = DSL.select(SEATS.SEAT_ID).from(SEATS)
                .where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.in(seatIds)).and(SEATS.STATE.eq("AVAILABLE"))
                .orderBy(SEATS.SEAT_ID).forUpdate().skipLocked().asTable("free");
        return dsl.update(SEATS).set(SEATS.STATE, "SOLD").set(SEATS.BOOKING_ID, bookingId).set(SEATS.VERSION, INVENTORY_VERSION.nextval())
                .from(free).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.eq(free.field(SEATS.SEAT_ID)))
                .returning().fetch();
    }

    /** Frees a booking's SOLD seats (all of them, or those named); returns them with their new versions. */
    public Result<SeatsRecord> unsell(UUID bookingId, List<UUID> seatIds) {
        return dsl.update(SEATS).set(SEATS.STATE, "AVAILABLE").setNull(SEATS.BOOKING_ID).set(SEATS.VERSION, INVENTORY_VERSION.nextval())
                .set(freedPrice()).where(SEATS.BOOKING_ID.eq(bookingId)).and(SEATS.STATE.eq("SOLD"))
                .and(seatIds.isEmpty() ? DSL.noCondition() : SEATS.SEAT_ID.in(seatIds))
                .returning().fetch();
    }

    /** Moves those of the seats in state {@code from} to state {@code to} (AVAILABLE and BLOCKED only); returns them. */
    public Result<SeatsRecord> switchState(UUID showtimeId, List<UUID> seatIds, String from, String to) {
        var rows = DSL.select(SEATS.SEAT_ID).from(SEATS)
                .where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.in(seatIds)).and(SEATS.STATE.eq(from))
                .orderBy(SEATS.SEAT_ID).forUpdate().skipLocked().asTable("rows");
        return dsl.update(SEATS).set(SEATS.STATE, to).set(SEATS.VERSION, INVENTORY_VERSION.nextval())
                .from(rows).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.eq(rows.field(SEATS.SEAT_ID)))
                .returning().fetch();
    }

    /** The hold ends CONFIRMED for the booking (a lapsed hold whose seats were taken again); returns it as it is now. */
    public HoldsRecord confirm(UUID holdId, UUID bookingId, OffsetDateTime now) {
        return dsl.update(HOLDS).set(HOLDS.STATUS, "CONFIRMED").set(HOLDS.BOOKING_ID, bookingId).set(HOLDS.ENDED_AT, now)
                .where(HOLDS.ID.eq(holdId)).returning().fetchOne();
    }

    public Optional<HoldsRecord> findByBooking(UUID bookingId) {
        return dsl.selectFrom(HOLDS).where(HOLDS.BOOKING_ID.eq(bookingId)).fetchOptional();
    }

    /** Inserts new holds in one statement. */
    public void insertAll(List<HoldsRecord> holds) {
        var insert = dsl.insertInto(HOLDS, HOLDS.ID, HOLDS.SHOWTIME_ID, HOLDS.USER_ID, HOLDS.STATUS, HOLDS.SEAT_IDS, HOLDS.EXPIRES_AT,
                HOLDS.SUBTOTAL_MINOR, HOLDS.CURRENCY, HOLDS.CREATED_AT, HOLDS.EXTENSIONS, HOLDS.BOX_OFFICE);
        for (HoldsRecord hold : holds) {
            insert = insert.values(hold.getId(), hold.getShowtimeId(), hold.getUserId(), hold.getStatus(), hold.getSeatIds(),
                    hold.getExpiresAt(), hold.getSubtotalMinor(), hold.getCurrency(), hold.getCreatedAt(), hold.getExtensions(),
                    hold.getBoxOffice());
        }
        insert.execute();
    }

    public Result<HoldsRecord> findAll(Collection<UUID> holdIds) {
        return dsl.selectFrom(HOLDS).where(HOLDS.ID.eq(DSL.any(uuids(holdIds)))).fetch();
    }

    /** These holds, locked until the transaction ends (in id order, so two batches cannot deadlock). */
    public Result<HoldsRecord> findAllForUpdate(Collection<UUID> holdIds) {
        return dsl.selectFrom(HOLDS).where(HOLDS.ID.eq(DSL.any(uuids(holdIds)))).orderBy(HOLDS.ID).forUpdate().fetch();
    }

    /** A hold, locked until the transaction ends, and whether its showtime was cancelled (then it is never sold). */
    public record LockedHold(HoldsRecord hold, boolean showtimeCancelled) {}

    /** The hold, locked until the transaction ends (not its showtime), with its showtime's status in the same statement. */
    public Optional<LockedHold> findForUpdate(UUID holdId) {
        Field<Boolean> cancelled = INVENTORY_SHOWTIMES.STATUS.eq(DSL.inline("CANCELLED")).as("showtime_cancelled");
        return dsl.select(HOLDS.fields()).select(cancelled).from(HOLDS).join(INVENTORY_SHOWTIMES).on(INVENTORY_SHOWTIMES.ID.eq(HOLDS.SHOWTIME_ID))
                .where(HOLDS.ID.eq(holdId)).forUpdate().of(HOLDS)
                .fetchOptional(row -> new LockedHold(row.into(HOLDS), row.get(cancelled)));
    }

    /** A hold with its seats as they are now, in map order. */
    public record HoldWithSeats(HoldsRecord hold, List<SeatsRecord> seats) {}

    /**
     * The hold and its seats as they are now (in map order), in one statement: each seat found by its whole primary
     * key from the hold's own seat list. With {@code lock} the hold's row (not its seats) is locked until the
     * transaction ends.
     */
    public Optional<HoldWithSeats> withSeats(UUID holdId, boolean lock) {
        var query = dsl.select(HOLDS.fields()).select(SEATS.fields()).from(HOLDS)
                .join(SEATS).on(SEATS.SHOWTIME_ID.eq(HOLDS.SHOWTIME_ID)).and(SEATS.SEAT_ID.eq(DSL.any(HOLDS.SEAT_IDS)))
                .where(HOLDS.ID.eq(holdId)).orderBy(SEATS.SECTION, SEATS.ROW_INDEX, SEATS.POSITION_IN_ROW);
        Result<Record> rows = lock ? query.forUpdate().of(HOLDS).fetch() : query.fetch();
        return rows.isEmpty() ? Optional.empty() : Optional.of(new HoldWithSeats(rows.getFirst().into(HOLDS), rows.into(SEATS)));
    }

    /** The seats of a hold as they are now, for its price breakdown. */
    public Result<SeatsRecord> seatsOf(UUID showtimeId, List<UUID> seatIds) {
        return dsl.selectFrom(SEATS).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.in(seatIds))
                .orderBy(SEATS.SECTION, SEATS.ROW_INDEX, SEATS.POSITION_IN_ROW).fetch();
    }

    /** The showtime's AVAILABLE seats, of one tier unless {@code tier} is empty. */
    public Result<SeatsRecord> available(UUID showtimeId, String tier) {
        return dsl.selectFrom(SEATS).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.STATE.eq("AVAILABLE")).and(SEATS.STANDING.isFalse())
                .and(tier.isEmpty() ? DSL.noCondition() : SEATS.TIER.eq(tier)).fetch();
    }

    /** Whether the showtime has seats (not standing places) of this tier (any, when empty), whatever their state. */
    public boolean hasSeatsOfTier(UUID showtimeId, String tier) {
        return dsl.fetchExists(DSL.selectOne().from(SEATS).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.STANDING.isFalse())
                .and(tier.isEmpty() ? DSL.noCondition() : SEATS.TIER.eq(tier)));
    }

    /** Up to {@code count} AVAILABLE places of a standing area at positions from {@code from} (inclusive) to {@code to}, in order. */
    public List<UUID> availablePlaces(UUID showtimeId, UUID sectionId, int from, int to, int count) {
        return dsl.select(SEATS.SEAT_ID).from(SEATS)
                .where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SECTION_ID.eq(sectionId)).and(DSL.condition(SEATS.STANDING))
                .and(SEATS.POSITION_IN_ROW.ge(from)).and(SEATS.POSITION_IN_ROW.lt(to)).and(SEATS.STATE.eq(DSL.inline("AVAILABLE")))
                .orderBy(SEATS.POSITION_IN_ROW).limit(count).fetch(SEATS.SEAT_ID);
    }

    public void endAll(Collection<UUID> holdIds, String status, OffsetDateTime endedAt) {
        dsl.update(HOLDS).set(HOLDS.STATUS, status).set(HOLDS.ENDED_AT, endedAt).where(HOLDS.ID.eq(DSL.any(uuids(holdIds)))).execute();
    }

    public void extend(UUID holdId, OffsetDateTime expiresAt) {
        dsl.update(HOLDS).set(HOLDS.EXPIRES_AT, expiresAt).set(HOLDS.EXTENSIONS, HOLDS.EXTENSIONS.plus(1)).where(HOLDS.ID.eq(holdId)).execute();
    }

    /** Active holds past their expiry, oldest first, locked; holds another sweeper has locked are skipped. */
    public Result<HoldsRecord> lapsed(int limit) {
        return dsl.selectFrom(HOLDS).where(HOLDS.STATUS.eq(DSL.inline("ACTIVE"))).and(HOLDS.EXPIRES_AT.lt(OffsetDateTime.now()))
                .orderBy(HOLDS.EXPIRES_AT).limit(limit).forUpdate().skipLocked().fetch();
    }
}
