package io.ticketmesh.platform.inbox;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.ticketmesh.platform.context.RequestContext;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes event consumers idempotent: the event id is recorded in the same transaction as the event's effect,
 * so a redelivered event (the relay publishes at least once) finds its id and changes nothing.
 */
public final class Inbox {
    private final DSLContext dsl;
    private final TransactionTemplate transactions;

    public Inbox(DSLContext dsl, TransactionTemplate transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
    }

    /**
     * Runs {@code effect} in a new transaction unless this consumer already processed the event; returns whether
     * it ran. The event's request id is in the log context while the effect runs.
     */
    public boolean handleOnce(String consumer, ReceivedEvent event, Consumer<ReceivedEvent> effect) {
        String previous = MDC.get(RequestContext.MDC_KEY);
        if (event.requestId() != null) {
            MDC.put(RequestContext.MDC_KEY, event.requestId());
        }
        try {
            Boolean ran = transactions.execute(status -> {
                if (!firstDelivery(consumer, event.id(), event.type())) {
                    return false;
                }
                effect.accept(event);
                return true;
            });
            return Boolean.TRUE.equals(ran);
        } finally {
            if (previous == null) {
                MDC.remove(RequestContext.MDC_KEY);
            } else {
                MDC.put(RequestContext.MDC_KEY, previous);
            }
        }
    }

    /**
     * Records the event id for the consumer; true the first time, false for a redelivery. Must run inside the
     * transaction that applies the event's effect.
     */
    public boolean firstDelivery(String consumer, UUID eventId, String eventType) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Inbox.firstDelivery must run in the transaction that applies the effect");
        }
        return dsl.insertInto(table(name("inbox")))
                .columns(field(name("consumer")), field(name("event_id")), field(name("event_type")))
                .values(consumer, eventId, eventType)
                .onConflictDoNothing()
                .execute() == 1;
    }
}
