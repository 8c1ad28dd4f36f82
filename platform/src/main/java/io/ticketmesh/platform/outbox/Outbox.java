package io.ticketmesh.platform.outbox;

import static io.ticketmesh.platform.outbox.OutboxTable.*;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.ticketmesh.platform.context.RequestContext;
import io.ticketmesh.proto.common.v1.EventMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events into the outbox table in the caller's transaction, so the state change and its announcement
 * commit or roll back together. The {@link OutboxRelay} publishes them afterwards.
 */
public final class Outbox {
    private static final TransactionSynchronization WAKE_RELAY_AFTER_COMMIT = new TransactionSynchronization() {
        @Override
        public void afterCommit() {
            OutboxWakeup.committed();
        }
    };
    private final DSLContext dsl;
    private final Supplier<String> traceparent;

    /** An event and the request it is written for. */
    public record Entry<E extends Message>(E event, EventOrigin origin) {}

    /**
     * @param traceparent the W3C traceparent of the current span, or null when there is none
     */
    public Outbox(DSLContext dsl, Supplier<String> traceparent) {
        this.dsl = dsl;
        this.traceparent = traceparent;
    }

    /**
     * Appends an event. The event's first field must be {@code ticketmesh.common.v1.EventMetadata metadata}; its
     * event id becomes the CloudEvents id and its aggregate id the Kafka key.
     *
     * @throws IllegalStateException outside a transaction, where the event could outlive or miss its state change
     */
    public void append(String topic, Message event) {
        appendAll(topic, List.of(event));
    }

    /**
     * Appends events in one statement, all written for the current request ({@link #origin()}); an event whose
     * metadata names a request id keeps it.
     *
     * @throws IllegalStateException outside a transaction, where the events could outlive or miss their state change
     */
    public void appendAll(String topic, List<? extends Message> events) {
        EventOrigin origin = origin();
        appendEach(topic, events.stream().map(event -> new Entry<>(event, origin)).toList());
    }

    /**
     * Appends events in one statement, each for the request it names, for work that changes many aggregates for many
     * requests at once (holds gathered from many callers). An event whose metadata names a request id keeps it.
     *
     * @throws IllegalStateException outside a transaction, where the events could outlive or miss their state change
     */
    public void appendEach(String topic, List<? extends Entry<?>> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append must run in the transaction that changes the state");
        }
        if (events.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(OUTBOX, EVENT_ID, TOPIC, MESSAGE_KEY, EVENT_TYPE, PAYLOAD, HEADERS);
        for (Entry<?> entry : events) {
            Message event = entry.event();
            EventMetadata metadata = metadataOf(event);
            insert = insert.values(UUID.fromString(metadata.getEventId()), topic, metadata.getAggregateId(),
                    event.getDescriptorForType().getFullName(), event.toByteArray(),
                    JSONB.valueOf(HeaderJson.write(headers(metadata, entry.origin()))));
        }
        insert.execute();
        TransactionSynchronizationManager.registerSynchronization(WAKE_RELAY_AFTER_COMMIT);
    }

    /** The request being served on this thread and its trace, as events written for it now carry them. */
    public EventOrigin origin() {
        return new EventOrigin(RequestContext.currentRequestIdOrNull(), traceparent.get());
    }

    private static Map<String, String> headers(EventMetadata metadata, EventOrigin origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (origin.traceparent() != null) {
            headers.put(CloudEventHeaders.TRACEPARENT, origin.traceparent());
        }
        String requestId = metadata.getRequestId().isEmpty() ? origin.requestId() : metadata.getRequestId();
        if (requestId != null) {
            headers.put(CloudEventHeaders.REQUEST_ID, requestId);
        }
        return headers;
    }

    static EventMetadata metadataOf(Message event) {
        FieldDescriptor field = event.getDescriptorForType().findFieldByName("metadata");
        if (field == null || field.getMessageType() != EventMetadata.getDescriptor() || !event.hasField(field)) {
            throw new IllegalArgumentException(event.getDescriptorForType().getFullName()
                    + " has no ticketmesh.common.v1.EventMetadata metadata set");
        }
        EventMetadata metadata = (EventMetadata) event.getField(field);
        if (metadata.getEventId().isEmpty() || metadata.getAggregateId().isEmpty()) {
            throw new IllegalArgumentException("event metadata needs event_id and aggregate_id (use EventMetadatas.next)");
        }
        return metadata;
    }
}
