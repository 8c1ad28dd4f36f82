package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.BOOKINGS;
import static io.ticketmesh.booking.persistence.jooq.Tables.CANCELLATIONS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * What a staff member took and handed back at an organization's box office over a period (a till's cash-up), and the
 * refunds owed to a box office buyer at the counter.
 */
@Repository
public class BoxOfficeTillRepository {
    private final DSLContext dsl;

    public BoxOfficeTillRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Sales paid one way in one currency, and refunds of box office sales handed back so. */
    public record Line(String payment, String currency, int sales, long takenMinor, int refunds, long handedBackMinor) {
        Line plus(Line other) {
            return new Line(payment, currency, sales + other.sales, takenMinor + other.takenMinor, refunds + other.refunds,
                    handedBackMinor + other.handedBackMinor);
        }
    }

    /**
     * The staff member's till from {@code from} (inclusive) to {@code to}: the box office sales they made then (paid,
     * whatever became of them since) and the refunds of box office sales they handed back then, a line a way of paying
     * and currency (in no particular order).
     */
    public List<Line> till(UUID organizationId, String staffUserId, OffsetDateTime from, OffsetDateTime to) {
        Map<String, Line> lines = new TreeMap<>();
        dsl.select(BOOKINGS.BOX_OFFICE_PAYMENT, BOOKINGS.CURRENCY, DSL.count(), DSL.sum(BOOKINGS.TOTAL_MINOR)).from(BOOKINGS)
                .where(BOOKINGS.ORGANIZATION_ID.eq(organizationId)).and(BOOKINGS.USER_ID.eq(staffUserId))
                .and(BOOKINGS.BOX_OFFICE_PAYMENT.isNotNull()).and(BOOKINGS.CREATED_AT.ge(from)).and(BOOKINGS.CREATED_AT.lt(to))
                .and(BookingRepository.paid()).groupBy(BOOKINGS.BOX_OFFICE_PAYMENT, BOOKINGS.CURRENCY)
                .forEach(r -> add(lines, new Line(r.value1(), r.value2(), r.value3(), r.value4().longValue(), 0, 0)));
        dsl.select(BOOKINGS.BOX_OFFICE_PAYMENT, BOOKINGS.CURRENCY, DSL.count(), DSL.sum(CANCELLATIONS.REFUND_MINOR)).from(CANCELLATIONS)
                .join(BOOKINGS).on(BOOKINGS.ID.eq(CANCELLATIONS.BOOKING_ID))
                .where(CANCELLATIONS.HANDED_BACK_BY.eq(staffUserId)).and(CANCELLATIONS.HANDED_BACK_AT.ge(from))
                .and(CANCELLATIONS.HANDED_BACK_AT.lt(to))
                .and(CANCELLATIONS.STATE.eq(DSL.inline("DONE"))).and(CANCELLATIONS.REFUND_MINOR.gt(0L))
                .and(BOOKINGS.ORGANIZATION_ID.eq(organizationId)).and(BOOKINGS.BOX_OFFICE_PAYMENT.isNotNull())
                .groupBy(BOOKINGS.BOX_OFFICE_PAYMENT, BOOKINGS.CURRENCY)
                .forEach(r -> add(lines, new Line(r.value1(), r.value2(), 0, 0, r.value3(), r.value4().longValue())));
        return List.copyOf(lines.values());
    }

    /** What the box office sale's buyer is owed at the counter: its carried out refunds that no one handed back yet. */
    public long owed(UUID bookingId) {
        return dsl.select(DSL.coalesce(DSL.sum(CANCELLATIONS.REFUND_MINOR), BigDecimal.ZERO)).from(CANCELLATIONS)
                .where(CANCELLATIONS.BOOKING_ID.eq(bookingId)).and(owedAtCounter()).fetchSingle().value1().longValue();
    }

    /** What the showtime's box office buyers are owed at the counter, by how they paid (only ways with something owed). */
    public Map<String, Long> owedOf(UUID showtimeId) {
        Map<String, Long> owed = new TreeMap<>();
        dsl.select(BOOKINGS.BOX_OFFICE_PAYMENT, DSL.sum(CANCELLATIONS.REFUND_MINOR)).from(CANCELLATIONS)
                .join(BOOKINGS).on(BOOKINGS.ID.eq(CANCELLATIONS.BOOKING_ID))
                .where(BOOKINGS.SHOWTIME_ID.eq(showtimeId)).and(BOOKINGS.BOX_OFFICE_PAYMENT.isNotNull()).and(owedAtCounter())
                .groupBy(BOOKINGS.BOX_OFFICE_PAYMENT).forEach(r -> owed.put(r.value1(), r.value2().longValue()));
        return owed;
    }

    /** Marks what the booking's buyer is owed as handed back by the staff member now; answers how much it was. */
    public long handBack(UUID bookingId, String staffUserId, OffsetDateTime now) {
        return dsl.update(CANCELLATIONS).set(CANCELLATIONS.HANDED_BACK_BY, staffUserId).set(CANCELLATIONS.HANDED_BACK_AT, now)
                .where(CANCELLATIONS.BOOKING_ID.eq(bookingId)).and(owedAtCounter())
                .returningResult(CANCELLATIONS.REFUND_MINOR).fetch().stream().mapToLong(r -> r.value1()).sum();
    }

    /** A cancellation carried out with a refund no one handed back yet (owed at the counter for a box office sale). */
    static Condition owedAtCounter() {
        return CANCELLATIONS.STATE.eq(DSL.inline("DONE")).and(CANCELLATIONS.REFUND_MINOR.gt(0L)).and(CANCELLATIONS.HANDED_BACK_BY.isNull());
    }

    private static void add(Map<String, Line> lines, Line line) {
        lines.merge(line.payment() + " " + line.currency(), line, Line::plus);
    }
}
