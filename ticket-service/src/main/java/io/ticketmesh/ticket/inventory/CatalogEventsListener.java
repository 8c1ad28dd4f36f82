package io.ticketmesh.ticket.inventory;

import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.event.v1.ShowtimeCancelled;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.event.v1.ShowtimePublished;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The catalog's showtime announcements ({@code ticketmesh.catalog.showtimes}), each applied once through the inbox.
 * A failure (event-service unreachable while a map is read) is retried with back-off, never skipped: see
 * platform's {@code RetryForever}.
 */
@Component
public class CatalogEventsListener {
    static final String TOPIC = "ticketmesh.catalog.showtimes";
    private static final String CONSUMER = "inventory";
    private final Inbox inbox;
    private final InventoryBuilder builder;

    public CatalogEventsListener(Inbox inbox, InventoryBuilder builder) {
        this.inbox = inbox;
        this.builder = builder;
    }

    @KafkaListener(topics = TOPIC, groupId = "ticket-service.inventory")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(ShowtimePublished.getDescriptor())) {
            inbox.handleOnce(CONSUMER, event, e -> builder.published(e.payload(ShowtimePublished.parser())));
        } else if (event.is(ShowtimeChanged.getDescriptor())) {
            inbox.handleOnce(CONSUMER, event, e -> builder.changed(e.payload(ShowtimeChanged.parser())));
        } else if (event.is(ShowtimeCancelled.getDescriptor())) {
            inbox.handleOnce(CONSUMER, event, e -> builder.cancelled(e.payload(ShowtimeCancelled.parser())));
        }
    }
}
