package io.ticketmesh.platform.privacy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.google.protobuf.util.Timestamps;
import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closed accounts ({@value #TOPIC}, from the gateway), in every service that keeps customers' personal data (a
 * {@link PersonalData} bean): each closing is applied once through the inbox, in the transaction that records it, and
 * applied again every minute for {@link #REPEATED_FOR}, then forgotten. The consumer group is the service's own
 * ({@code <spring.application.name>.accounts}).
 */
public class AccountClosures {
    public static final String TOPIC = "ticketmesh.identity.closures";
    /** How long a closing's erasure is repeated: longer than a booking runs, its 3-D Secure wait included. */
    static final Duration REPEATED_FOR = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(AccountClosures.class);
    private static final Table<?> CLOSED_ACCOUNTS = table(name("closed_accounts"));
    private static final Field<String> USER_ID = field(name("user_id"), String.class);
    private static final Field<String> EMAIL = field(name("email"), String.class);
    private static final Field<OffsetDateTime> CLOSED_AT = field(name("closed_at"), OffsetDateTime.class);

    private final Inbox inbox;
    private final DSLContext dsl;
    private final TransactionTemplate transactions;
    private final List<PersonalData> personalData;
    private final Clock clock;

    public AccountClosures(Inbox inbox, DSLContext dsl, TransactionTemplate transactions, List<PersonalData> personalData, Clock clock) {
        this.inbox = inbox;
        this.dsl = dsl;
        this.transactions = transactions;
        this.personalData = personalData;
        this.clock = clock;
    }

    @KafkaListener(topics = TOPIC, groupId = "${spring.application.name}.accounts")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (!event.is(AccountClosed.getDescriptor())) {
            return;
        }
        AccountClosed closed = event.payload(AccountClosed.parser());
        ClosedAccount account = new ClosedAccount(closed.getUserId(), closed.getEmail());
        OffsetDateTime closedAt = Instant.ofEpochMilli(Timestamps.toMillis(closed.getMetadata().getOccurredAt())).atOffset(ZoneOffset.UTC);
        inbox.handleOnce("account-closures", event, e -> {
            dsl.insertInto(CLOSED_ACCOUNTS).set(USER_ID, account.userId()).set(EMAIL, account.email())
                    .set(CLOSED_AT, closedAt).onConflictDoNothing().execute();
            erase(account);
            log.info("account {} closed: its customer's personal data erased", account.userId());
        });
    }

    /** Erases again what the accounts closed within the hour have, and forgets those closed before. */
    @Scheduled(fixedDelayString = "${ticketmesh.privacy.repeat-interval:PT1M}", initialDelayString = "${ticketmesh.privacy.repeat-interval:PT1M}")
    public void repeat() {
        OffsetDateTime since = clock.instant().atOffset(ZoneOffset.UTC).minus(REPEATED_FOR);
        transactions.executeWithoutResult(status -> {
            dsl.deleteFrom(CLOSED_ACCOUNTS).where(CLOSED_AT.lt(since)).execute();
            dsl.select(USER_ID, EMAIL).from(CLOSED_ACCOUNTS)
                    .fetch(r -> new ClosedAccount(r.value1(), r.value2()))
                    .forEach(this::erase);
        });
    }

    private void erase(ClosedAccount account) {
        personalData.forEach(data -> data.erase(account));
    }
}
