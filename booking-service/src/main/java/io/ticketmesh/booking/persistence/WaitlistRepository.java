package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.BOOKINGS;
import static io.ticketmesh.booking.persistence.jooq.Tables.WAITLIST_ENTRIES;

import io.ticketmesh.booking.persistence.jooq.tables.records.WaitlistEntriesRecord;
import io.ticketmesh.platform.paging.Cursor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Waitlist entries, in the order they joined. The statuses the partial indexes are for are inlined in the SQL: bound as
 * parameters, they leave a generic plan unable to use those indexes.
 */
@Repository
public class WaitlistRepository {
    private static final Field<String> WAITING = DSL.inline("WAITING");
    private static final Field<String> OFFERED = DSL.inline("OFFERED");
    private final DSLContext dsl;

    public WaitlistRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public WaitlistEntriesRecord newEntry() {
        return dsl.newRecord(WAITLIST_ENTRIES);
    }

    public Optional<WaitlistEntriesRecord> find(UUID entryId) {
        return dsl.selectFrom(WAITLIST_ENTRIES).where(WAITLIST_ENTRIES.ID.eq(entryId)).fetchOptional();
    }

    /** A customer's entries, newest first, after the cursor (null for the first page); a customer has a handful. */
    public List<WaitlistEntriesRecord> ofCustomer(String userId, Cursor before, int limit) {
        var query = dsl.selectFrom(WAITLIST_ENTRIES).where(WAITLIST_ENTRIES.USER_ID.eq(userId));
        if (before != null) {
            query = query.and(DSL.row(WAITLIST_ENTRIES.CREATED_AT, WAITLIST_ENTRIES.ID).lt(before.atUtc(), before.id()));
        }
        return query.orderBy(WAITLIST_ENTRIES.CREATED_AT.desc(), WAITLIST_ENTRIES.ID.desc()).limit(limit).fetch();
    }

    public Optional<WaitlistEntriesRecord> findByRequest(String userId, String joinRequestId) {
        return dsl.selectFrom(WAITLIST_ENTRIES).where(WAITLIST_ENTRIES.USER_ID.eq(userId))
                .and(WAITLIST_ENTRIES.JOIN_REQUEST_ID.eq(joinRequestId)).fetchOptional();
    }

    /** The customer's entry on the showtime's list that is still waiting or offered. */
    public Optional<WaitlistEntriesRecord> active(UUID showtimeId, String userId) {
        return dsl.selectFrom(WAITLIST_ENTRIES).where(WAITLIST_ENTRIES.SHOWTIME_ID.eq(showtimeId)).and(WAITLIST_ENTRIES.USER_ID.eq(userId))
                .and(WAITLIST_ENTRIES.STATUS.in(WAITING, OFFERED)).fetchOptional();
    }

    /** Inserts the entry unless the customer has an active one on that list, or made one with this request; whether it did. */
    public boolean insert(WaitlistEntriesRecord entry) {
        return dsl.insertInto(WAITLIST_ENTRIES).set(entry).onConflictDoNothing().execute() == 1;
    }

    /**
     * A waiting entry's place in its showtime's line: when it joined (microseconds since the epoch, as stored) and its
     * id, ordered as PostgreSQL orders them (a uuid by its bytes, unsigned).
     */
    public record LinePlace(long joinedMicros, UUID id) implements Comparable<LinePlace> {
        public static LinePlace of(WaitlistEntriesRecord entry) {
            return of(entry.getCreatedAt(), entry.getId());
        }

        static LinePlace of(OffsetDateTime joined, UUID id) {
            return new LinePlace(ChronoUnit.MICROS.between(Instant.EPOCH, joined.toInstant()), id);
        }

        @Override
        public int compareTo(LinePlace other) {
            int byTime = Long.compare(joinedMicros, other.joinedMicros);
            if (byTime != 0) {
                return byTime;
            }
            int byHigh = Long.compareUnsigned(id.getMostSignificantBits(), other.id.getMostSignificantBits());
            return byHigh != 0 ? byHigh : Long.compareUnsigned(id.getLeastSignificantBits(), other.id.getLeastSignificantBits());
        }
    }

    /** The showtime's waiting entries in line order (read from the index alone). */
    public List<LinePlace> line(UUID showtimeId) {
        return dsl.select(WAITLIST_ENTRIES.CREATED_AT, WAITLIST_ENTRIES.ID).from(WAITLIST_ENTRIES)
                .where(WAITLIST_ENTRIES.SHOWTIME_ID.eq(showtimeId)).and(WAITLIST_ENTRIES.STATUS.eq(WAITING))
                .orderBy(WAITLIST_ENTRIES.CREATED_AT, WAITLIST_ENTRIES.ID)
                .fetch(row -> LinePlace.of(row.value1(), row.value2()));
    }

    /**
     * Showtimes with someone waiting (at most {@code limit}), in id order. Read as a loose index scan (each next
     * showtime found in the waiting entries' index from the one before), so its cost follows the number of showtimes,
     * not of entries: a sold-out arena's list of fifty thousand costs what one of five does.
     */
    public List<UUID> showtimesWaiting(int limit) {
        Field<UUID> showtime = DSL.field(DSL.name("s", "showtime_id"), UUID.class);
        CommonTableExpression<Record1<UUID>> showtimes = DSL.name("s").fields("showtime_id").as(
                DSL.select(WAITLIST_ENTRIES.SHOWTIME_ID).from(WAITLIST_ENTRIES).where(WAITLIST_ENTRIES.STATUS.eq(WAITING))
                        .orderBy(WAITLIST_ENTRIES.SHOWTIME_ID).limit(1)
                        .unionAll(DSL.select(DSL.field(DSL.select(WAITLIST_ENTRIES.SHOWTIME_ID).from(WAITLIST_ENTRIES)
                                        .where(WAITLIST_ENTRIES.STATUS.eq(WAITING)).and(WAITLIST_ENTRIES.SHOWTIME_ID.gt(showtime))
                                        .orderBy(WAITLIST_ENTRIES.SHOWTIME_ID).limit(1)))
                                .from(DSL.table(DSL.name("s"))).where(showtime.isNotNull())));
        return dsl.withRecursive(showtimes).select(showtime).from(showtimes).where(showtime.isNotNull()).limit(limit).fetch(showtime);
    }

    /**
     * The showtime's first {@code limit} waiting entries for at most {@code maxQuantity} seats, oldest first; with
     * {@code after}, those that joined after that entry.
     */
    public List<WaitlistEntriesRecord> waiting(UUID showtimeId, int maxQuantity, WaitlistEntriesRecord after, int limit) {
        Condition fits = WAITLIST_ENTRIES.SHOWTIME_ID.eq(showtimeId).and(WAITLIST_ENTRIES.STATUS.eq(WAITING))
                .and(WAITLIST_ENTRIES.QUANTITY.le(maxQuantity));
        if (after != null) {
            fits = fits.and(DSL.row(WAITLIST_ENTRIES.CREATED_AT, WAITLIST_ENTRIES.ID).gt(after.getCreatedAt(), after.getId()));
        }
        return dsl.selectFrom(WAITLIST_ENTRIES).where(fits).orderBy(WAITLIST_ENTRIES.CREATED_AT, WAITLIST_ENTRIES.ID).limit(limit).fetch();
    }

    /** Marks a waiting entry offered with the hold made for it; false when it is no longer waiting. */
    public boolean offered(UUID entryId, UUID holdId, OffsetDateTime expiresAt, OffsetDateTime now) {
        return dsl.update(WAITLIST_ENTRIES).set(WAITLIST_ENTRIES.STATUS, "OFFERED").set(WAITLIST_ENTRIES.HOLD_ID, holdId)
                .set(WAITLIST_ENTRIES.OFFER_EXPIRES_AT, expiresAt).set(WAITLIST_ENTRIES.UPDATED_AT, now)
                .where(WAITLIST_ENTRIES.ID.eq(entryId)).and(WAITLIST_ENTRIES.STATUS.eq(WAITING)).execute() == 1;
    }

    /** Takes an entry off the list unless it has ended already; the entry as it is after. */
    public WaitlistEntriesRecord leave(UUID entryId, OffsetDateTime now) {
        dsl.update(WAITLIST_ENTRIES).set(WAITLIST_ENTRIES.STATUS, "LEFT").setNull(WAITLIST_ENTRIES.HOLD_ID)
                .setNull(WAITLIST_ENTRIES.OFFER_EXPIRES_AT).set(WAITLIST_ENTRIES.UPDATED_AT, now)
                .where(WAITLIST_ENTRIES.ID.eq(entryId)).and(WAITLIST_ENTRIES.STATUS.in(WAITING, OFFERED)).execute();
        return find(entryId).orElseThrow();
    }

    /**
     * Takes the customer's entries off their lists, the waiting ones and the offers no booking of theirs is running or
     * has kept, and erases the address of every entry of theirs (their account closed); the entries left, as they were.
     */
    public List<WaitlistEntriesRecord> leaveAndEraseAllOf(String userId, OffsetDateTime now) {
        List<WaitlistEntriesRecord> leaving = dsl.selectFrom(WAITLIST_ENTRIES).where(WAITLIST_ENTRIES.USER_ID.eq(userId))
                .and(WAITLIST_ENTRIES.STATUS.eq(WAITING).or(WAITLIST_ENTRIES.STATUS.eq(OFFERED)
                        .and(DSL.notExists(bookingOfTheOffer(BOOKINGS.STATUS.ne("FAILED"))))))
                .forUpdate().of(WAITLIST_ENTRIES).fetch();
        if (!leaving.isEmpty()) {
            dsl.update(WAITLIST_ENTRIES).set(WAITLIST_ENTRIES.STATUS, "LEFT").setNull(WAITLIST_ENTRIES.HOLD_ID)
                    .setNull(WAITLIST_ENTRIES.OFFER_EXPIRES_AT).set(WAITLIST_ENTRIES.UPDATED_AT, now)
                    .where(WAITLIST_ENTRIES.ID.in(leaving.stream().map(WaitlistEntriesRecord::getId).toList())).execute();
        }
        dsl.update(WAITLIST_ENTRIES).set(WAITLIST_ENTRIES.CUSTOMER_EMAIL, "")
                .where(WAITLIST_ENTRIES.USER_ID.eq(userId)).and(WAITLIST_ENTRIES.CUSTOMER_EMAIL.ne("")).execute();
        return leaving;
    }

    /**
     * Closes up to {@code limit} of the showtime's waiting entries (it sells nothing any more), and with
     * {@code offersToo} its offers no booking of theirs is running or has kept (their holds can never be sold); those
     * it closed.
     */
    public List<WaitlistEntriesRecord> close(UUID showtimeId, boolean offersToo, OffsetDateTime now, int limit) {
        Condition open = WAITLIST_ENTRIES.STATUS.eq(WAITING);
        if (offersToo) {
            open = open.or(WAITLIST_ENTRIES.STATUS.eq(OFFERED).and(DSL.notExists(bookingOfTheOffer(BOOKINGS.STATUS.ne("FAILED")))));
        }
        var closing = DSL.select(WAITLIST_ENTRIES.ID).from(WAITLIST_ENTRIES).where(WAITLIST_ENTRIES.SHOWTIME_ID.eq(showtimeId))
                .and(open).limit(limit).forUpdate().skipLocked();
        return dsl.update(WAITLIST_ENTRIES).set(WAITLIST_ENTRIES.STATUS, "CLOSED").set(WAITLIST_ENTRIES.UPDATED_AT, now)
                .where(WAITLIST_ENTRIES.ID.in(closing)).returning().fetch();
    }

    /**
     * Ends the offers settled by now: FULFILLED when a booking of the offered hold did not fail, EXPIRED when the hold
     * lapsed with none (a booking still running keeps its offer open).
     */
    public void settleOffers(OffsetDateTime now) {
        dsl.update(WAITLIST_ENTRIES).set(WAITLIST_ENTRIES.STATUS, "FULFILLED").set(WAITLIST_ENTRIES.UPDATED_AT, now)
                .where(WAITLIST_ENTRIES.STATUS.eq(OFFERED))
                .and(DSL.exists(bookingOfTheOffer(BOOKINGS.STATUS.in("CONFIRMED", "PARTIALLY_CANCELLED", "CANCELLED")))).execute();
        dsl.update(WAITLIST_ENTRIES).set(WAITLIST_ENTRIES.STATUS, "EXPIRED").set(WAITLIST_ENTRIES.UPDATED_AT, now)
                .where(WAITLIST_ENTRIES.STATUS.eq(OFFERED)).and(WAITLIST_ENTRIES.OFFER_EXPIRES_AT.lt(now))
                .and(DSL.notExists(bookingOfTheOffer(BOOKINGS.STATUS.ne("FAILED")))).execute();
    }

    private static Select<?> bookingOfTheOffer(Condition status) {
        return DSL.selectOne().from(BOOKINGS).where(BOOKINGS.HOLD_ID.eq(WAITLIST_ENTRIES.HOLD_ID)).and(status);
    }
}
