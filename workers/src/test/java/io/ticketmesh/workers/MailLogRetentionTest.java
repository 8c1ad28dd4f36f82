package io.ticketmesh.workers;

import static io.ticketmesh.workers.persistence.jooq.Tables.NOTIFICATION_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.privacy.PersonalDataRetention;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The mail log forgets what it was told longer ago than its retention, addresses and all, and keeps the rest. */
class MailLogRetentionTest extends WorkersTestBase {
    @Autowired
    DSLContext dsl;

    @Autowired
    PersonalDataRetention retention;

    @Value("${ticketmesh.privacy.retention}")
    Duration kept;

    @Test
    void entriesOlderThanTheRetentionAreDeletedAndTheRestKept() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String address = "kept-" + UUID.randomUUID() + "@example.test";
        UUID old = log(address, now.minus(kept).minusDays(1));
        UUID older = log(address, now.minus(kept).minusDays(90));
        UUID recent = log(address, now.minus(kept).plusDays(1));

        assertThat(retention.sweep()).isGreaterThanOrEqualTo(2);

        assertThat(dsl.select(NOTIFICATION_LOG.EVENT_ID).from(NOTIFICATION_LOG).where(NOTIFICATION_LOG.RECIPIENT.eq(address))
                .fetch(NOTIFICATION_LOG.EVENT_ID)).containsExactly(recent).doesNotContain(old, older);
        assertThat(retention.sweep()).as("nothing more to delete").isZero();
    }

    private UUID log(String address, OffsetDateTime sentAt) {
        UUID event = UUID.randomUUID();
        dsl.insertInto(NOTIFICATION_LOG).set(NOTIFICATION_LOG.EVENT_ID, event).set(NOTIFICATION_LOG.KIND, "tickets")
                .set(NOTIFICATION_LOG.RECIPIENT, address).set(NOTIFICATION_LOG.SUBJECT, "Your tickets: booking TM-KEPT-0001")
                .set(NOTIFICATION_LOG.SENT_AT, sentAt).execute();
        return event;
    }
}
