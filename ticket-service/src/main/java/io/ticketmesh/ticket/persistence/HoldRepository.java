package io.ticketmesh.ticket.persistence;

import static io.ticketmesh.ticket.persistence.jooq.Sequences.INVENTORY_VERSION;
import static io.ticketmesh.ticket.persistence.jooq.Tables.HOLDS;
import static io.ticketmesh.ticket.persistence.jooq.Tables.SEATS;

import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Holds and the seat changes they make. PostgreSQL is the authority: a seat is taken only by a conditional update
 * of its row from AVAILABLE, so no seat is ever in two holds or two bookings, whatever happens above.
 */
@Repository
public class HoldRepository {
    private final DSLContext dsl;

    public HoldRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Serializes one customer's holds on one showtime until the transaction ends, for the per-customer limit. */
    public void lockCustomer(UUID showtimeId, UUID userId) {
        dsl.select(DSL.field("pg_advisory_xact_lock(hashtextextended({0}, 0))", Object.class, DSL.val(showtimeId + "/" + userId))).fetch();
    }

    /**
     * Seats the customer holds or has bought for the showtime. The statuses are inlined, as in every query meant for a
     * partial index: a bound parameter leaves the planner's generic plan unable to prove the index's predicate, and it
     * falls back to scanning every hold ever made.
     */
    public int seatsOfCustomer(UUID showtimeId, UUID userId) {
        Integer seats = dsl.select(DSL.coalesce(DSL.sum(DSL.field("cardinality({0})", Integer.class, HOLDS.SEAT_IDS)), DSL.inline(0)))
                .from(HOLDS).where(HOLDS.SHOWTIME_ID.eq(showtimeId)).and(HOLDS.USER_ID.eq(userId))
                .and(HOLDS.STATUS.in(DSL.inline("ACTIVE"), DSL.inline("CONFIRMED"))).fetchOne(0, Integer.class);
        return seats == null ? 0 : seats;
    }

    /**
     * Takes those of {@code seatIds} that are AVAILABLE and not being changed by another transaction right now
     * (those are skipped, not waited for: under contention the loser learns at once, and no two holds can deadlock),
     * for the hold. Returns the seats taken, each with its new version.
     */
    public Result<SeatsRecord> take(UUID showtimeId, UUID holdId, List<UUID> seatIds) {
        var free = DSL.select(SEATS.SEAT_ID).from(SEATS)
                .where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.in(seatIds)).and(SEATS.STATE.eq("AVAILABLE"))
                .orderBy(SEATS.SEAT_ID).forUpdate().skipLocked().asTable("free");
        return dsl.update(SEATS).set(SEATS.STATE, "HELD").set(SEATS.HOLD_ID, holdId).set(SEATS.VERSION, INVENTORY_VERSION.nextval())
                .from(free).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.eq(free.field(SEATS.SEAT_ID)))
                .returning().fetch();
    }

    /** Frees the seats the hold still holds; returns them with their new versions. */
    public Result<SeatsRecord> free(UUID showtimeId, UUID holdId) {
        return dsl.update(SEATS).set(SEATS.STATE, "AVAILABLE").setNull(SEATS.HOLD_ID).set(SEATS.VERSION, INVENTORY_VERSION.nextval())
                .where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.HOLD_ID.eq(holdId)).and(SEATS.STATE.eq("HELD"))
                .returning().fetch();
    }

    /** Turns the hold's HELD seats into SOLD for the booking; returns them with their new versions. */
    public Result<SeatsRecord> sell(UUID showtimeId, UUID holdId, UUID bookingId) {
        return dsl.update(SEATS).set(SEATS.STATE, "SOLD").setNull(SEATS.HOLD_ID).set(SEATS.BOOKING_ID, bookingId)
                .set(SEATS.VERSION, INVENTORY_VERSION.nextval())
                .where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.HOLD_ID.eq(holdId)).and(SEATS.STATE.eq("HELD"))
                .returning().fetch();
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
    public Result<SeatsRecord> unsell(UUID showtimeId, UUID bookingId, List<UUID> seatIds) {
        return dsl.update(SEATS).set(SEATS.STATE, "AVAILABLE").setNull(SEATS.BOOKING_ID).set(SEATS.VERSION, INVENTORY_VERSION.nextval())
                .where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.BOOKING_ID.eq(bookingId)).and(SEATS.STATE.eq("SOLD"))
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

    public void confirm(UUID holdId, UUID bookingId) {
        dsl.update(HOLDS).set(HOLDS.STATUS, "CONFIRMED").set(HOLDS.BOOKING_ID, bookingId).set(HOLDS.ENDED_AT, OffsetDateTime.now())
                .where(HOLDS.ID.eq(holdId)).execute();
    }

    public Optional<HoldsRecord> findByBooking(UUID bookingId) {
        return dsl.selectFrom(HOLDS).where(HOLDS.BOOKING_ID.eq(bookingId)).fetchOptional();
    }

    public HoldsRecord insert(UUID holdId, UUID showtimeId, UUID userId, List<UUID> seatIds, OffsetDateTime expiresAt,
                              long subtotalMinor, String currency) {
        HoldsRecord hold = dsl.newRecord(HOLDS);
        hold.setId(holdId);
        hold.setShowtimeId(showtimeId);
        hold.setUserId(userId);
        hold.setStatus("ACTIVE");
        hold.setSeatIds(seatIds.toArray(UUID[]::new));
        hold.setExpiresAt(expiresAt);
        hold.setSubtotalMinor(subtotalMinor);
        hold.setCurrency(currency);
        hold.setCreatedAt(OffsetDateTime.now());
        hold.setExtensions(0);
        hold.store();
        return hold;
    }

    public Optional<HoldsRecord> find(UUID holdId) {
        return dsl.selectFrom(HOLDS).where(HOLDS.ID.eq(holdId)).fetchOptional();
    }

    public Optional<HoldsRecord> findForUpdate(UUID holdId) {
        return dsl.selectFrom(HOLDS).where(HOLDS.ID.eq(holdId)).forUpdate().fetchOptional();
    }

    /** The seats of a hold as they are now, for its price breakdown. */
    public Result<SeatsRecord> seatsOf(UUID showtimeId, List<UUID> seatIds) {
        return dsl.selectFrom(SEATS).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.SEAT_ID.in(seatIds))
                .orderBy(SEATS.SECTION, SEATS.ROW_INDEX, SEATS.POSITION_IN_ROW).fetch();
    }

    /** The showtime's AVAILABLE seats, of one tier unless {@code tier} is empty. */
    public Result<SeatsRecord> available(UUID showtimeId, String tier) {
        return dsl.selectFrom(SEATS).where(SEATS.SHOWTIME_ID.eq(showtimeId)).and(SEATS.STATE.eq("AVAILABLE"))
                .and(tier.isEmpty() ? DSL.noCondition() : SEATS.TIER.eq(tier)).fetch();
    }

    public void end(UUID holdId, String status) {
        dsl.update(HOLDS).set(HOLDS.STATUS, status).set(HOLDS.ENDED_AT, OffsetDateTime.now()).where(HOLDS.ID.eq(holdId)).execute();
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
