package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.BOOKINGS;
import static io.ticketmesh.booking.persistence.jooq.Tables.CANCELLATIONS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** What a staff member took and handed back at an organization's box office over a period (a till's cash-up). */
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
                .where(CANCELLATIONS.CANCELLED_BY.eq(staffUserId)).and(CANCELLATIONS.CREATED_AT.ge(from)).and(CANCELLATIONS.CREATED_AT.lt(to))
                .and(CANCELLATIONS.STATE.eq(DSL.inline("DONE"))).and(CANCELLATIONS.REFUND_MINOR.gt(0L))
                .and(BOOKINGS.ORGANIZATION_ID.eq(organizationId)).and(BOOKINGS.BOX_OFFICE_PAYMENT.isNotNull())
                .groupBy(BOOKINGS.BOX_OFFICE_PAYMENT, BOOKINGS.CURRENCY)
                .forEach(r -> add(lines, new Line(r.value1(), r.value2(), 0, 0, r.value3(), r.value4().longValue())));
        return List.copyOf(lines.values());
    }

    private static void add(Map<String, Line> lines, Line line) {
        lines.merge(line.payment() + " " + line.currency(), line, Line::plus);
    }
}
