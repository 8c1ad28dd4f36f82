package io.ticketmesh.event.domain;

import io.ticketmesh.event.persistence.SearchIndex;
import io.ticketmesh.event.persistence.ShowtimeRepository;
import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.ticket.v1.SoldOutChanged;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A showtime is SOLD_OUT while ticket-service says nothing of it is left to sell ({@code SoldOutChanged} on
 * {@code ticketmesh.inventory.sales}), ON_SALE again when places come back; each move is announced as ShowtimeChanged
 * with {@code changed_fields: ["status"]}, through the event's inbox transaction (a redelivery changes nothing). Only
 * those two states move: a cancelled or ended showtime stays as it is, whatever arrives late.
 */
@Component
public class SoldOutListener {
    private final Inbox inbox;
    private final ShowtimeRepository showtimes;
    private final SearchIndex search;
    private final Outbox outbox;

    public SoldOutListener(Inbox inbox, ShowtimeRepository showtimes, SearchIndex search, Outbox outbox) {
        this.inbox = inbox;
        this.showtimes = showtimes;
        this.search = search;
        this.outbox = outbox;
    }

    @KafkaListener(topics = "ticketmesh.inventory.sales", groupId = "event-service.sold-out")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (!event.is(SoldOutChanged.getDescriptor())) {
            return;
        }
        SoldOutChanged changed = event.payload(SoldOutChanged.parser());
        inbox.handleOnce("sold-out", event, e -> showtimes.markSoldOut(UUID.fromString(changed.getShowtimeId()), changed.getSoldOut())
                .ifPresent(moved -> {
                    search.refreshShowtime(UUID.fromString(moved.getShowtimeId()));
                    outbox.append(ShowtimeCatalog.TOPIC, ShowtimeChanged.newBuilder()
                            .setMetadata(EventMetadatas.next(moved.getShowtimeId(), moved.getVersion()))
                            .setShowtime(moved).addChangedFields("status").build());
                }));
    }
}
