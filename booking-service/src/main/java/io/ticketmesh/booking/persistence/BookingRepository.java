package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.BOOKINGS;
import static io.ticketmesh.booking.persistence.jooq.Tables.BOOKING_ITEMS;
import static io.ticketmesh.booking.persistence.jooq.Tables.CANCELLATIONS;
import static io.ticketmesh.booking.persistence.jooq.Tables.CANCELLED_SHOWTIMES;

import io.ticketmesh.booking.persistence.jooq.tables.records.BookingItemsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.CancellationsRecord;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.persistence.IdArrays;
import io.ticketmesh.platform.persistence.MultiRowInsert;
import io.ticketmesh.platform.persistence.StoredTime;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Bookings with their items and cancellations, and the leases that say which process runs a booking's saga. */
@Repository
public class BookingRepository {
    private final DSLContext dsl;

    public BookingRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public BookingsRecord newBooking() {
        return dsl.newRecord(BOOKINGS);
    }

    public BookingItemsRecord newItem() {
        return dsl.newRecord(BOOKING_ITEMS);
    }

    /** Inserts a booking's items in one statement; each must have the same fields set. */
    public void insertItems(List<BookingItemsRecord> items) {
        if (items.isEmpty()) {
            return;
        }
        MultiRowInsert.of(dsl, BOOKING_ITEMS, items).execute();
    }

    public Optional<BookingsRecord> findByReference(String reference) {
        return dsl.selectFrom(BOOKINGS).where(BOOKINGS.REFERENCE.eq(reference)).fetchOptional();
    }

    public Optional<BookingsRecord> find(UUID bookingId) {
        return dsl.selectFrom(BOOKINGS).where(BOOKINGS.ID.eq(bookingId)).fetchOptional();
    }

    public Optional<BookingsRecord> findForUpdate(UUID bookingId) {
        return dsl.selectFrom(BOOKINGS).where(BOOKINGS.ID.eq(bookingId)).forUpdate().fetchOptional();
    }

    public Optional<BookingsRecord> findByRequest(String userId, String requestId) {
        return dsl.selectFrom(BOOKINGS).where(BOOKINGS.USER_ID.eq(userId)).and(BOOKINGS.CREATE_REQUEST.eq(requestId)).fetchOptional();
    }

    public Optional<BookingsRecord> liveBookingOfHold(UUID holdId) {
        return dsl.selectFrom(BOOKINGS).where(BOOKINGS.HOLD_ID.eq(holdId)).and(BOOKINGS.STATUS.ne("FAILED")).fetchOptional();
    }

    /** A booking's items in {@link #ITEM_ORDER}. */
    public List<BookingItemsRecord> items(UUID bookingId) {
        return dsl.selectFrom(BOOKING_ITEMS).where(BOOKING_ITEMS.BOOKING_ID.eq(bookingId))
                .orderBy(BOOKING_ITEMS.SECTION.collate("C"), BOOKING_ITEMS.ROW_LABEL.collate("C"), BOOKING_ITEMS.SEAT_LABEL.collate("C")).fetch();
    }

    /** The order of a booking's items: by section, row and seat label, compared as {@link #items} compares them. */
    public static final Comparator<BookingItemsRecord> ITEM_ORDER = Comparator.comparing(BookingItemsRecord::getSection)
            .thenComparing(BookingItemsRecord::getRowLabel).thenComparing(BookingItemsRecord::getSeatLabel);

    /**
     * Erases the customer's name and address from every booking of theirs (their account closed); answers how many.
     * Not from the box office sales they made, which carry their buyers'.
     */
    public int eraseCustomer(String userId) {
        return dsl.update(BOOKINGS).set(BOOKINGS.CUSTOMER_EMAIL, "").set(BOOKINGS.CUSTOMER_NAME, "")
                .where(BOOKINGS.USER_ID.eq(userId)).and(ownBooking())
                .and(BOOKINGS.CUSTOMER_EMAIL.ne("").or(BOOKINGS.CUSTOMER_NAME.ne(""))).execute();
    }

    /**
     * Erases the buyer's name and address from up to {@code limit} box office sales made before {@code cutoff} (no
     * account's closing would); answers how many. The sales stay, amounts and all.
     */
    public int eraseBoxOfficeBuyers(OffsetDateTime cutoff, int limit) {
        Condition named = BOOKINGS.BOX_OFFICE_PAYMENT.isNotNull().and(BOOKINGS.CUSTOMER_EMAIL.ne("").or(BOOKINGS.CUSTOMER_NAME.ne("")));
        return dsl.update(BOOKINGS).set(BOOKINGS.CUSTOMER_EMAIL, "").set(BOOKINGS.CUSTOMER_NAME, "")
                .where(BOOKINGS.ID.in(DSL.select(BOOKINGS.ID).from(BOOKINGS).where(named).and(BOOKINGS.CREATED_AT.lt(cutoff)).limit(limit)))
                .execute();
    }

    /**
     * The customer's bookings, newest first, after the keyset position (created_at, id) when given; not the box office
     * sales they made, which are the organization's.
     */
    public List<BookingsRecord> ofCustomer(String userId, Cursor before, int limit) {
        return newestFirst(BOOKINGS.USER_ID.eq(userId).and(ownBooking()), before, limit);
    }

    /** Which of a showtime's bookings {@link #ofShowtime} reads. */
    public enum ShowtimeBookings {
        ALL,
        BOX_OFFICE,
        /** The box office sales whose buyer is owed a refund at the counter. */
        REFUND_OWED
    }

    /** A showtime's bookings (those asked for), newest first, after the keyset position (created_at, id) when given. */
    public List<BookingsRecord> ofShowtime(UUID showtimeId, ShowtimeBookings which, Cursor before, int limit) {
        Condition condition = BOOKINGS.SHOWTIME_ID.eq(showtimeId);
        if (which != ShowtimeBookings.ALL) {
            condition = condition.and(BOOKINGS.BOX_OFFICE_PAYMENT.isNotNull());
        }
        if (which == ShowtimeBookings.REFUND_OWED) {
            condition = condition.andExists(DSL.selectOne().from(CANCELLATIONS).where(CANCELLATIONS.BOOKING_ID.eq(BOOKINGS.ID))
                    .and(BoxOfficeTillRepository.owedAtCounter()));
        }
        return newestFirst(condition, before, limit);
    }

    private List<BookingsRecord> newestFirst(Condition condition, Cursor before, int limit) {
        if (before != null) {
            condition = condition.and(DSL.row(BOOKINGS.CREATED_AT, BOOKINGS.ID).lt(before.atUtc(), before.id()));
        }
        return dsl.selectFrom(BOOKINGS).where(condition).orderBy(BOOKINGS.CREATED_AT.desc(), BOOKINGS.ID.desc()).limit(limit).fetch();
    }

    /** A booking its user made for themselves, not a sale at the box office (the customer index's predicate). */
    public static Condition ownBooking() {
        return BOOKINGS.BOX_OFFICE_PAYMENT.isNull();
    }

    /** A showtime's paid bookings: how many are kept (wholly or in part), how many cancelled, their takings net of refunds. */
    public record Takings(int kept, int cancelled, long netMinor) {}

    /**
     * Seats of one tier still sold to paid bookings, what was paid for them summed (prices less discounts), what codes
     * took off them, and how many of them cost nothing.
     */
    public record TierSold(String tier, int seats, long priceMinor, long discountMinor, int free) {}

    public Takings takingsOf(UUID showtimeId) {
        var cancelled = BOOKINGS.STATUS.eq(DSL.inline("CANCELLED"));
        return dsl.select(DSL.count().filterWhere(DSL.not(cancelled)), DSL.count().filterWhere(cancelled),
                        DSL.coalesce(DSL.sum(BOOKINGS.TOTAL_MINOR.minus(BOOKINGS.REFUNDED_MINOR)), BigDecimal.ZERO))
                .from(BOOKINGS).where(BOOKINGS.SHOWTIME_ID.eq(showtimeId)).and(paid())
                .fetchOne(r -> new Takings(r.value1(), r.value2(), r.value3().longValue()));
    }

    /** A showtime's box office takings by how its buyers paid there (CASH, CARD_TERMINAL), net of refunds. */
    public List<TillTakings> tillTakings(UUID showtimeId) {
        return dsl.select(BOOKINGS.BOX_OFFICE_PAYMENT, DSL.count().filterWhere(BOOKINGS.STATUS.ne(DSL.inline("CANCELLED"))),
                        DSL.sum(BOOKINGS.TOTAL_MINOR.minus(BOOKINGS.REFUNDED_MINOR)))
                .from(BOOKINGS).where(BOOKINGS.SHOWTIME_ID.eq(showtimeId)).and(paid()).and(BOOKINGS.BOX_OFFICE_PAYMENT.isNotNull())
                .groupBy(BOOKINGS.BOX_OFFICE_PAYMENT).orderBy(BOOKINGS.BOX_OFFICE_PAYMENT)
                .fetch(r -> new TillTakings(r.value1(), r.value2(), r.value3().longValue()));
    }

    /** @param kept the sales paid this way not wholly cancelled */
    public record TillTakings(String payment, int kept, long netMinor) {}

    public List<TierSold> tiersSold(UUID showtimeId) {
        return dsl.select(BOOKING_ITEMS.TIER, DSL.count(), DSL.sum(BOOKING_ITEMS.PRICE_MINOR.minus(BOOKING_ITEMS.DISCOUNT_MINOR)),
                        DSL.sum(BOOKING_ITEMS.DISCOUNT_MINOR),
                        DSL.count().filterWhere(BOOKING_ITEMS.DISCOUNT_MINOR.ge(BOOKING_ITEMS.PRICE_MINOR)))
                .from(BOOKING_ITEMS).join(BOOKINGS).on(BOOKINGS.ID.eq(BOOKING_ITEMS.BOOKING_ID))
                .where(BOOKINGS.SHOWTIME_ID.eq(showtimeId)).and(paid()).and(BOOKING_ITEMS.CANCELLED.isFalse())
                .groupBy(BOOKING_ITEMS.TIER).orderBy(BOOKING_ITEMS.TIER)
                .fetch(r -> new TierSold(r.value1(), r.value2(), r.value3().longValue(), r.value4().longValue(), r.value5()));
    }

    /** Bookings the customer paid for (some may since be refunded). */
    static Condition paid() {
        return BOOKINGS.STATUS.in(DSL.inline("CONFIRMED"), DSL.inline("PARTIALLY_CANCELLED"), DSL.inline("CANCELLED"));
    }

    /** Records that the organizer cancelled the showtime; a second record of it changes nothing. */
    public void showtimeCancelled(UUID showtimeId) {
        dsl.insertInto(CANCELLED_SHOWTIMES).set(CANCELLED_SHOWTIMES.SHOWTIME_ID, showtimeId).onConflictDoNothing().execute();
    }

    /**
     * Kept bookings (CONFIRMED, PARTIALLY_CANCELLED) of cancelled showtimes whose refund is not opened yet. Read per
     * cancelled showtime (a lateral join), each through the partial index of kept bookings by showtime, so a sweep
     * costs a probe per cancelled showtime and never reads the kept bookings of showtimes still on sale; the states
     * are inlined so the planner can use that index.
     */
    public List<UUID> unrefundedOfCancelledShowtimes(String cancellationRequest, int limit) {
        var kept = DSL.lateral(DSL.select(BOOKINGS.ID).from(BOOKINGS).where(BOOKINGS.SHOWTIME_ID.eq(CANCELLED_SHOWTIMES.SHOWTIME_ID))
                .and(BOOKINGS.STATUS.in(DSL.inline("CONFIRMED"), DSL.inline("PARTIALLY_CANCELLED")))
                .andNotExists(DSL.selectOne().from(CANCELLATIONS).where(CANCELLATIONS.BOOKING_ID.eq(BOOKINGS.ID))
                        .and(CANCELLATIONS.REQUEST_ID.eq(cancellationRequest)))
                .limit(limit)).as("kept");
        return dsl.select(kept.field(BOOKINGS.ID)).from(CANCELLED_SHOWTIMES).crossJoin(kept).limit(limit).fetch(kept.field(BOOKINGS.ID));
    }

    /** Takes the saga of the booking for {@code owner} unless another live owner holds it; true when taken. */
    public boolean claim(UUID bookingId, String owner, OffsetDateTime until) {
        return dsl.update(BOOKINGS).set(BOOKINGS.LEASE_OWNER, owner).set(BOOKINGS.LEASE_UNTIL, until)
                .where(BOOKINGS.ID.eq(bookingId)).and(BOOKINGS.SAGA_STATE.ne("DONE"))
                .and(BOOKINGS.LEASE_OWNER.isNull().or(BOOKINGS.LEASE_OWNER.eq(owner)).or(BOOKINGS.LEASE_UNTIL.lt(OffsetDateTime.now())))
                .execute() == 1;
    }

    /** Lets the saga go: anyone may take it up from {@code dueAt} (null: at once). */
    public void release(UUID bookingId, String owner, OffsetDateTime dueAt) {
        dsl.update(BOOKINGS).setNull(BOOKINGS.LEASE_OWNER).set(BOOKINGS.LEASE_UNTIL, dueAt)
                .where(BOOKINGS.ID.eq(bookingId)).and(BOOKINGS.LEASE_OWNER.eq(owner)).execute();
    }

    /**
     * Sagas nobody runs that are due: running or compensating past their lease, or waiting past their deadline. States
     * are inlined so the planner can use the in-flight partial index (a bound parameter hides the predicate from it).
     */
    public List<UUID> due(int limit) {
        OffsetDateTime now = OffsetDateTime.now();
        return dsl.select(BOOKINGS.ID).from(BOOKINGS)
                .where(BOOKINGS.SAGA_STATE.in(DSL.inline("RUNNING"), DSL.inline("COMPENSATING"))
                        .and(BOOKINGS.LEASE_UNTIL.isNull().or(BOOKINGS.LEASE_UNTIL.lt(now))))
                .or(BOOKINGS.SAGA_STATE.eq(DSL.inline("WAITING")).and(BOOKINGS.PAYMENT_DEADLINE.lt(now))
                        .and(BOOKINGS.LEASE_UNTIL.isNull().or(BOOKINGS.LEASE_UNTIL.lt(now))))
                .orderBy(BOOKINGS.LEASE_UNTIL.asc().nullsFirst()).limit(limit).fetch(BOOKINGS.ID);
    }

    /** Moves the sagas of those bookings that are WAITING to RUNNING, in one statement; answers which it moved. */
    public List<UUID> wakeWaiting(Collection<UUID> bookingIds) {
        return dsl.update(BOOKINGS).set(BOOKINGS.SAGA_STATE, "RUNNING").set(BOOKINGS.VERSION, BOOKINGS.VERSION.plus(1))
                .set(BOOKINGS.UPDATED_AT, StoredTime.now())
                .where(BOOKINGS.ID.eq(DSL.any(IdArrays.uuids(bookingIds)))).and(BOOKINGS.SAGA_STATE.eq("WAITING"))
                .returning(BOOKINGS.ID).fetch(BOOKINGS.ID);
    }

    /**
     * Confirms the booking, with the payment its saga made (kept as it is when null), ends its saga and lets its lease
     * go, in one statement; answers the row as it now is.
     */
    public BookingsRecord confirm(UUID bookingId, UUID paymentId) {
        return dsl.update(BOOKINGS).set(BOOKINGS.STATUS, "CONFIRMED").setNull(BOOKINGS.NEXT_ACTION_URL).set(BOOKINGS.SAGA_STATE, "DONE")
                .setNull(BOOKINGS.LEASE_OWNER).setNull(BOOKINGS.LEASE_UNTIL)
                .set(BOOKINGS.PAYMENT_ID, paymentId == null ? BOOKINGS.PAYMENT_ID : DSL.val(paymentId))
                .set(BOOKINGS.VERSION, BOOKINGS.VERSION.plus(1)).set(BOOKINGS.UPDATED_AT, StoredTime.now())
                .where(BOOKINGS.ID.eq(bookingId)).returning().fetchSingle();
    }

    /**
     * A saga step's success written to the booking in one statement: the payment the saga learnt (kept as it is when
     * null), and the end of a REQUIRES_ACTION once its 3-D Secure challenge passed.
     */
    public void stepSucceeded(UUID bookingId, UUID paymentId) {
        var awaitingAction = BOOKINGS.STATUS.eq(DSL.inline("REQUIRES_ACTION"));
        dsl.update(BOOKINGS).set(BOOKINGS.PAYMENT_ID, paymentId == null ? BOOKINGS.PAYMENT_ID : DSL.val(paymentId))
                .set(BOOKINGS.STATUS, DSL.when(awaitingAction, DSL.inline("PENDING")).otherwise(BOOKINGS.STATUS))
                .set(BOOKINGS.NEXT_ACTION_URL, DSL.when(awaitingAction, DSL.castNull(BOOKINGS.NEXT_ACTION_URL)).otherwise(BOOKINGS.NEXT_ACTION_URL))
                .set(BOOKINGS.VERSION, BOOKINGS.VERSION.plus(1)).set(BOOKINGS.UPDATED_AT, StoredTime.now())
                .where(BOOKINGS.ID.eq(bookingId)).execute();
    }

    /**
     * One version further with nothing else changed, for an event about the booking that is not a change of its state
     * (its tickets sent again): events of a booking carry strictly increasing versions. Answers the row as it now is.
     */
    public BookingsRecord nextVersion(UUID bookingId) {
        return dsl.update(BOOKINGS).set(BOOKINGS.VERSION, BOOKINGS.VERSION.plus(1)).set(BOOKINGS.UPDATED_AT, StoredTime.now())
                .where(BOOKINGS.ID.eq(bookingId)).returning().fetchSingle();
    }

    public void save(BookingsRecord booking) {
        booking.setVersion(booking.getVersion() + 1);
        booking.setUpdatedAt(StoredTime.now());
        booking.update();
    }

    public Optional<CancellationsRecord> cancellation(UUID bookingId, String requestId) {
        return dsl.selectFrom(CANCELLATIONS).where(CANCELLATIONS.BOOKING_ID.eq(bookingId)).and(CANCELLATIONS.REQUEST_ID.eq(requestId)).fetchOptional();
    }

    public CancellationsRecord newCancellation() {
        return dsl.newRecord(CANCELLATIONS);
    }

    public List<CancellationsRecord> pendingCancellations(OffsetDateTime createdBefore, int limit) {
        return dsl.selectFrom(CANCELLATIONS).where(CANCELLATIONS.STATE.eq(DSL.inline("PENDING"))).and(CANCELLATIONS.CREATED_AT.lt(createdBefore))
                .orderBy(CANCELLATIONS.CREATED_AT).limit(limit).fetch();
    }

    /** A pending cancellation refused, with why and the seats it was refused for; nothing of it was carried out. */
    public void refuse(UUID cancellationId, String why, UUID[] seatIds) {
        dsl.update(CANCELLATIONS).set(CANCELLATIONS.STATE, "REFUSED").set(CANCELLATIONS.REFUSAL, why)
                .set(CANCELLATIONS.REFUSED_SEAT_IDS, seatIds)
                .where(CANCELLATIONS.ID.eq(cancellationId)).and(CANCELLATIONS.STATE.eq(DSL.inline("PENDING"))).execute();
    }

    public boolean hasPendingCancellation(UUID bookingId) {
        return dsl.fetchExists(CANCELLATIONS, CANCELLATIONS.BOOKING_ID.eq(bookingId).and(CANCELLATIONS.STATE.eq(DSL.inline("PENDING"))));
    }

    public void cancelItems(UUID bookingId, List<UUID> seatIds) {
        dsl.update(BOOKING_ITEMS).set(BOOKING_ITEMS.CANCELLED, true)
                .where(BOOKING_ITEMS.BOOKING_ID.eq(bookingId)).and(BOOKING_ITEMS.SEAT_ID.in(seatIds)).execute();
    }
}
