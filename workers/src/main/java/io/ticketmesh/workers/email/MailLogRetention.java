package io.ticketmesh.workers.email;

import static io.ticketmesh.workers.persistence.jooq.Tables.NOTIFICATION_LOG;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How long the mail log keeps an entry ({@code ticketmesh.mail.log-retention}): every address a mail went to stays in
 * it until then, a buyer's at the box office too (they have no account whose closing would erase it). Older entries
 * are deleted every {@code ticketmesh.mail.log-sweep-interval}, {@value #BATCH} a statement, so a first sweep over a
 * long log holds no lock for long.
 */
@Component
public class MailLogRetention {
    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(MailLogRetention.class);
    private final DSLContext dsl;
    private final Duration retention;

    public MailLogRetention(DSLContext dsl, @Value("${ticketmesh.mail.log-retention}") Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("ticketmesh.mail.log-retention must be positive, not " + retention);
        }
        this.dsl = dsl;
        this.retention = retention;
    }

    /** Deletes the entries logged more than the retention ago; answers how many. */
    @Scheduled(fixedDelayString = "${ticketmesh.mail.log-sweep-interval}", initialDelayString = "${ticketmesh.mail.log-sweep-interval}")
    public int sweep() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(retention);
        int deleted = 0;
        int round;
        do {
            round = dsl.deleteFrom(NOTIFICATION_LOG).where(NOTIFICATION_LOG.ID.in(dsl.select(NOTIFICATION_LOG.ID).from(NOTIFICATION_LOG)
                    .where(NOTIFICATION_LOG.SENT_AT.lt(before)).limit(BATCH))).execute();
            deleted += round;
        } while (round == BATCH);
        if (deleted > 0) {
            log.info("{} mail log entries older than {} deleted", deleted, retention);
        }
        return deleted;
    }
}
