package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.SAGA_STEPS;

import io.ticketmesh.booking.persistence.jooq.tables.records.SagaStepsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The saga timeline of each booking: one row per step with its latest outcome. */
@Repository
public class SagaStepRepository {
    private final DSLContext dsl;

    public SagaStepRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<SagaStepsRecord> of(UUID bookingId) {
        return dsl.selectFrom(SAGA_STEPS).where(SAGA_STEPS.BOOKING_ID.eq(bookingId)).orderBy(SAGA_STEPS.POSITION).fetch();
    }

    /** The step is being attempted (again). */
    public void started(UUID bookingId, int position, String name) {
        dsl.insertInto(SAGA_STEPS).set(SAGA_STEPS.BOOKING_ID, bookingId).set(SAGA_STEPS.POSITION, position).set(SAGA_STEPS.NAME, name)
                .set(SAGA_STEPS.OUTCOME, "STARTED")
                .onConflict(SAGA_STEPS.BOOKING_ID, SAGA_STEPS.POSITION).doUpdate()
                .set(SAGA_STEPS.OUTCOME, "STARTED").set(SAGA_STEPS.ATTEMPTS, SAGA_STEPS.ATTEMPTS.plus(1)).setNull(SAGA_STEPS.FINISHED_AT)
                .execute();
    }

    public void finished(UUID bookingId, int position, String outcome, String detail) {
        dsl.update(SAGA_STEPS).set(SAGA_STEPS.OUTCOME, outcome).set(SAGA_STEPS.DETAIL, detail == null ? "" : detail)
                .set(SAGA_STEPS.FINISHED_AT, "STARTED".equals(outcome) || "WAITING".equals(outcome) ? null : OffsetDateTime.now())
                .where(SAGA_STEPS.BOOKING_ID.eq(bookingId)).and(SAGA_STEPS.POSITION.eq(position)).execute();
    }

    public SagaStepsRecord insertDone(UUID bookingId, int position, String name, String detail) {
        SagaStepsRecord step = dsl.newRecord(SAGA_STEPS);
        step.setBookingId(bookingId);
        step.setPosition(position);
        step.setName(name);
        step.setOutcome("SUCCEEDED");
        step.setDetail(detail);
        step.setFinishedAt(OffsetDateTime.now());
        step.insert();
        return step;
    }
}
