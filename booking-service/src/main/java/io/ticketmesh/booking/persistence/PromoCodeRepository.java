package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.BOOKINGS;
import static io.ticketmesh.booking.persistence.jooq.Tables.PROMO_CODES;

import io.ticketmesh.booking.persistence.jooq.tables.records.PromoCodesRecord;
import io.ticketmesh.platform.paging.Cursor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Promotion codes, and their uses: the bookings that name a code and neither failed nor were wholly cancelled, read
 * through the partial index of bookings by code.
 */
@Repository
public class PromoCodeRepository {
    private final DSLContext dsl;

    public PromoCodeRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public PromoCodesRecord newCode() {
        return dsl.newRecord(PROMO_CODES);
    }

    public Optional<PromoCodesRecord> find(UUID id) {
        return dsl.selectFrom(PROMO_CODES).where(PROMO_CODES.ID.eq(id)).fetchOptional();
    }

    public Optional<PromoCodesRecord> findForUpdate(UUID id) {
        return dsl.selectFrom(PROMO_CODES).where(PROMO_CODES.ID.eq(id)).forUpdate().fetchOptional();
    }

    /**
     * The organization's code, upper case; locked when {@code lock} (a booking about to use it: bookings using a code
     * are written one after another, each counting the uses of those before it).
     */
    public Optional<PromoCodesRecord> findByCode(UUID organizationId, String code, boolean lock) {
        var query = dsl.selectFrom(PROMO_CODES).where(PROMO_CODES.ORGANIZATION_ID.eq(organizationId)).and(PROMO_CODES.CODE.eq(code));
        return lock ? query.forUpdate().fetchOptional() : query.fetchOptional();
    }

    /** The organization's codes, newest first, after the cursor (null for the first page). */
    public List<PromoCodesRecord> ofOrganization(UUID organizationId, Cursor before, int limit) {
        var query = dsl.selectFrom(PROMO_CODES).where(PROMO_CODES.ORGANIZATION_ID.eq(organizationId));
        if (before != null) {
            query = query.and(DSL.row(PROMO_CODES.CREATED_AT, PROMO_CODES.ID).lt(before.atUtc(), before.id()));
        }
        return query.orderBy(PROMO_CODES.CREATED_AT.desc(), PROMO_CODES.ID.desc()).limit(limit).fetch();
    }

    /** Uses of each of the codes (codes unused are absent). */
    public Map<UUID, Integer> uses(Collection<UUID> codeIds) {
        return dsl.select(BOOKINGS.PROMO_CODE_ID, DSL.count()).from(BOOKINGS).where(BOOKINGS.PROMO_CODE_ID.in(codeIds)).and(live())
                .groupBy(BOOKINGS.PROMO_CODE_ID).fetchMap(BOOKINGS.PROMO_CODE_ID, DSL.count());
    }

    /**
     * Uses of the code in all, and by the customer (in bookings of their own, not the box office sales they made): read
     * after {@link #findByCode} locked it, they include every earlier booking's.
     */
    public record Uses(int all, int byCustomer) {}

    public Uses uses(UUID codeId, String userId) {
        return dsl.select(DSL.count(), DSL.count().filterWhere(BOOKINGS.USER_ID.eq(userId).and(BookingRepository.ownBooking()))).from(BOOKINGS)
                .where(BOOKINGS.PROMO_CODE_ID.eq(codeId)).and(live()).fetchOne(r -> new Uses(r.value1(), r.value2()));
    }

    /** Bookings that keep their code's use. */
    private static Condition live() {
        return BOOKINGS.PROMO_CODE_ID.isNotNull().and(BOOKINGS.STATUS.notIn(DSL.inline("FAILED"), DSL.inline("CANCELLED")));
    }
}
