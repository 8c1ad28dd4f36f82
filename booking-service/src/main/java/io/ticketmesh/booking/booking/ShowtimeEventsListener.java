package io.ticketmesh.booking.booking;

import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.event.v1.ShowtimeCancelled;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A cancelled showtime is recorded here (once, through the inbox); Cancellations refunds its bookings. */
@Component
public class ShowtimeEventsListener {
    private final Inbox inbox;
    private final Cancellations cancellations;

    public ShowtimeEventsListener(Inbox inbox, Cancellations cancellations) {
        this.inbox = inbox;
        this.cancellations = cancellations;
    }

    @KafkaListener(topics = "ticketmesh.catalog.showtimes", groupId = "booking-service.showtimes")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(ShowtimeCancelled.getDescriptor())) {
            inbox.handleOnce("showtime-cancellations", event, e -> cancellations.showtimeCancelled(
                    UUID.fromString(e.payload(ShowtimeCancelled.parser()).getShowtime().getShowtimeId())));
        }
    }
}
