package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.TILL_SHIFTS;

import io.ticketmesh.booking.persistence.jooq.tables.records.TillShiftsRecord;
import io.ticketmesh.platform.paging.Cursor;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Staff members' shifts at an organization's box office: each till's float at opening and its count at closing. */
@Repository
public class TillShiftRepository {
    private final DSLContext dsl;

    public TillShiftRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Opens a shift, unless the staff member has one open in the organization already (then empty). */
    public Optional<TillShiftsRecord> open(UUID organizationId, String staffUserId, String currency, long floatMinor, OffsetDateTime now) {
        return dsl.insertInto(TILL_SHIFTS).set(TILL_SHIFTS.ID, UUID.randomUUID()).set(TILL_SHIFTS.ORGANIZATION_ID, organizationId)
                .set(TILL_SHIFTS.STAFF_USER_ID, staffUserId).set(TILL_SHIFTS.OPENED_AT, now).set(TILL_SHIFTS.CURRENCY, currency)
                .set(TILL_SHIFTS.OPENING_FLOAT_MINOR, floatMinor)
                .onConflict(TILL_SHIFTS.ORGANIZATION_ID, TILL_SHIFTS.STAFF_USER_ID).where(TILL_SHIFTS.CLOSED_AT.isNull()).doNothing()
                .returning().fetchOptional();
    }

    /** The staff member's open shift in the organization. */
    public Optional<TillShiftsRecord> openOf(UUID organizationId, String staffUserId) {
        return dsl.selectFrom(TILL_SHIFTS).where(TILL_SHIFTS.ORGANIZATION_ID.eq(organizationId))
                .and(TILL_SHIFTS.STAFF_USER_ID.eq(staffUserId)).and(TILL_SHIFTS.CLOSED_AT.isNull()).fetchOptional();
    }

    /**
     * A page of the organization's shifts, the latest opened first, from after {@code before} (null: the first page):
     * one staff member's ({@code staffUserId}, or every one's when null), only the open ones if asked.
     */
    public List<TillShiftsRecord> ofOrganization(UUID organizationId, String staffUserId, boolean openOnly, Cursor before, int limit) {
        Condition listed = TILL_SHIFTS.ORGANIZATION_ID.eq(organizationId);
        if (staffUserId != null) {
            listed = listed.and(TILL_SHIFTS.STAFF_USER_ID.eq(staffUserId));
        }
        if (openOnly) {
            listed = listed.and(TILL_SHIFTS.CLOSED_AT.isNull());
        }
        if (before != null) {
            listed = listed.and(DSL.row(TILL_SHIFTS.OPENED_AT, TILL_SHIFTS.ID).lt(before.atUtc(), before.id()));
        }
        return dsl.selectFrom(TILL_SHIFTS).where(listed).orderBy(TILL_SHIFTS.OPENED_AT.desc(), TILL_SHIFTS.ID.desc()).limit(limit).fetch();
    }

    public Optional<TillShiftsRecord> find(UUID shiftId) {
        return dsl.selectFrom(TILL_SHIFTS).where(TILL_SHIFTS.ID.eq(shiftId)).fetchOptional();
    }

    /** The shift, locked until the transaction ends: two closes of it are one after the other. */
    public Optional<TillShiftsRecord> findForUpdate(UUID shiftId) {
        return dsl.selectFrom(TILL_SHIFTS).where(TILL_SHIFTS.ID.eq(shiftId)).forUpdate().fetchOptional();
    }
}
