package io.ticketmesh.event.domain;

import io.ticketmesh.event.persistence.ShowtimeRepository;
import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
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
    private final ShowtimeStatusChanges changes;

    public SoldOutListener(Inbox inbox, ShowtimeRepository showtimes, ShowtimeStatusChanges changes) {
        this.inbox = inbox;
        this.showtimes = showtimes;
        this.changes = changes;
    }

    @KafkaListener(topics = "ticketmesh.inventory.sales", groupId = "event-service.sold-out")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (!event.is(SoldOutChanged.getDescriptor())) {
            return;
        }
        SoldOutChanged changed = event.payload(SoldOutChanged.parser());
        inbox.handleOnce("sold-out", event, e -> showtimes.markSoldOut(UUID.fromString(changed.getShowtimeId()), changed.getSoldOut())
                .ifPresent(changes::announce));
    }
}
