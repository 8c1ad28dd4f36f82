package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.SAGA_STEPS;
import static org.jooq.impl.DSL.val;

import io.ticketmesh.booking.persistence.jooq.tables.records.SagaStepsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The saga timeline of each booking: one row per step with its latest outcome. */
@Repository
public class SagaStepRepository {
    /** A step being attempted: its row inserted, or, for an attempt again, set back to STARTED and counted. */
    private static final String STARTED = """
            insert into saga_steps (booking_id, position, name, outcome) values (?, ?, ?, 'STARTED')
            on conflict (booking_id, position) do update set outcome = 'STARTED', attempts = saga_steps.attempts + 1, finished_at = null
            """;
    /** A step succeeded (detail, finished at, booking, position), as the data-modifying CTE of the statements below. */
    private static final String SUCCEEDED = """
            update saga_steps set outcome = 'SUCCEEDED', detail = ?, finished_at = cast(? as timestamptz) where booking_id = ? and position = ?""";
    /** Two rows of the log changed in one statement: {@link #SUCCEEDED} before {@link #STARTED}. */
    private static final String SUCCEEDED_THEN_STARTED = "with succeeded as (" + SUCCEEDED + ")\n" + STARTED;
    /**
     * The last step succeeded, and the whole log as it now stands, in one statement. The outer select sees the rows
     * as they were before the update, so the updated one comes from the update's own answer.
     */
    private static final String SUCCEEDED_LAST = "with succeeded as (" + SUCCEEDED + " returning *)\n"
            + "select * from succeeded union all select * from saga_steps where booking_id = ? and position <> ? order by position";
    private final DSLContext dsl;

    public SagaStepRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<SagaStepsRecord> of(UUID bookingId) {
        return dsl.selectFrom(SAGA_STEPS).where(SAGA_STEPS.BOOKING_ID.eq(bookingId)).orderBy(SAGA_STEPS.POSITION).fetch();
    }

    /** A new saga's log in one statement: its first step done ({@code doneDetail}), the second being attempted. */
    public void begin(UUID bookingId, String doneName, String doneDetail, String nextName) {
        dsl.insertInto(SAGA_STEPS, SAGA_STEPS.BOOKING_ID, SAGA_STEPS.POSITION, SAGA_STEPS.NAME, SAGA_STEPS.OUTCOME, SAGA_STEPS.DETAIL,
                        SAGA_STEPS.FINISHED_AT)
                .values(bookingId, 0, doneName, "SUCCEEDED", doneDetail, OffsetDateTime.now())
                .values(bookingId, 1, nextName, "STARTED", "", null)
                .execute();
    }

    /** The step succeeded and the one after it is being attempted (again), in one statement: {@link #finished} and {@link #started}. */
    public void succeededThenStarted(UUID bookingId, int position, String detail, String nextName) {
        dsl.execute(SUCCEEDED_THEN_STARTED, val(detail == null ? "" : detail, SAGA_STEPS.DETAIL), val(OffsetDateTime.now(), SAGA_STEPS.FINISHED_AT),
                val(bookingId, SAGA_STEPS.BOOKING_ID), val(position, SAGA_STEPS.POSITION),
                val(bookingId, SAGA_STEPS.BOOKING_ID), val(position + 1, SAGA_STEPS.POSITION), val(nextName, SAGA_STEPS.NAME));
    }

    /** The last step succeeded: {@link #finished} as SUCCEEDED, answering the whole log ({@link #of}) after it. */
    public List<SagaStepsRecord> succeededLast(UUID bookingId, int position, String detail) {
        return dsl.resultQuery(SUCCEEDED_LAST, val(detail == null ? "" : detail, SAGA_STEPS.DETAIL), val(OffsetDateTime.now(), SAGA_STEPS.FINISHED_AT),
                val(bookingId, SAGA_STEPS.BOOKING_ID), val(position, SAGA_STEPS.POSITION),
                val(bookingId, SAGA_STEPS.BOOKING_ID), val(position, SAGA_STEPS.POSITION)).fetchInto(SAGA_STEPS);
    }

    /** The step is being attempted (again). */
    public void started(UUID bookingId, int position, String name) {
        dsl.execute(STARTED, val(bookingId, SAGA_STEPS.BOOKING_ID), val(position, SAGA_STEPS.POSITION), val(name, SAGA_STEPS.NAME));
    }

    public void finished(UUID bookingId, int position, String outcome, String detail) {
        dsl.update(SAGA_STEPS).set(SAGA_STEPS.OUTCOME, outcome).set(SAGA_STEPS.DETAIL, detail == null ? "" : detail)
                .set(SAGA_STEPS.FINISHED_AT, "STARTED".equals(outcome) || "WAITING".equals(outcome) ? null : OffsetDateTime.now())
                .where(SAGA_STEPS.BOOKING_ID.eq(bookingId)).and(SAGA_STEPS.POSITION.eq(position)).execute();
    }
}
