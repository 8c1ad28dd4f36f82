package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.REFUND_POLICIES;

import io.ticketmesh.booking.persistence.jooq.tables.records.RefundPoliciesRecord;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.event.v1.CustomerRefundStep;
import io.ticketmesh.proto.event.v1.Showtime;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The refund policies of showtimes as their organizers set them over time, each from the showtime version that set it. */
@Repository
public class RefundPolicyRepository {
    private final DSLContext dsl;

    public RefundPolicyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records the showtime's policy as of its version and updated_at (once a version). */
    public void record(Showtime showtime) {
        dsl.insertInto(REFUND_POLICIES).set(REFUND_POLICIES.SHOWTIME_ID, UUID.fromString(showtime.getShowtimeId()))
                .set(REFUND_POLICIES.VERSION, showtime.getVersion()).set(REFUND_POLICIES.SINCE, StoredTime.of(showtime.getUpdatedAt()))
                .set(REFUND_POLICIES.REFUNDS_END, showtime.hasCustomerRefundsEnd() ? StoredTime.of(showtime.getCustomerRefundsEnd()) : null)
                .set(REFUND_POLICIES.STEP_SECONDS, showtime.getCustomerRefundStepsList().stream()
                        .map(step -> step.getBeforeStart().getSeconds()).toArray(Long[]::new))
                .set(REFUND_POLICIES.STEP_PERCENTS, showtime.getCustomerRefundStepsList().stream()
                        .map(CustomerRefundStep::getPercent).toArray(Integer[]::new))
                .onConflictDoNothing().execute();
    }

    /** The policy the showtime had at {@code at}: the last one set by then; none recorded by then, empty. */
    public Optional<RefundPoliciesRecord> inForceAt(UUID showtimeId, OffsetDateTime at) {
        return dsl.selectFrom(REFUND_POLICIES).where(REFUND_POLICIES.SHOWTIME_ID.eq(showtimeId)).and(REFUND_POLICIES.SINCE.le(at))
                .orderBy(REFUND_POLICIES.SINCE.desc(), REFUND_POLICIES.VERSION.desc()).limit(1).fetchOptional();
    }
}
