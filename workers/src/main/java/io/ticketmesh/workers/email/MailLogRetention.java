package io.ticketmesh.workers.email;

import static io.ticketmesh.workers.persistence.jooq.Tables.NOTIFICATION_LOG;

import io.ticketmesh.platform.privacy.ExpiringPersonalData;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The mail log keeps an entry as long as the platform's {@code ticketmesh.privacy.retention} (its
 * {@code PersonalDataRetention} sweeps it): every address a mail went to stays in it until then, a buyer's at the box
 * office too (they have no account whose closing would erase it). Older entries are deleted, through the index by
 * time (V12).
 */
@Component
public class MailLogRetention implements ExpiringPersonalData {
    private final DSLContext dsl;

    public MailLogRetention(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public int eraseKeptBefore(OffsetDateTime cutoff, int limit) {
        return dsl.deleteFrom(NOTIFICATION_LOG).where(NOTIFICATION_LOG.ID.in(dsl.select(NOTIFICATION_LOG.ID).from(NOTIFICATION_LOG)
                .where(NOTIFICATION_LOG.SENT_AT.lt(cutoff)).limit(limit))).execute();
    }
}
