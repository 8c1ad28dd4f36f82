package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.waitlist.Waitlists;
import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeCancelled;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A cancelled showtime is recorded here (once, through the inbox); Cancellations refunds its bookings. A showtime
 * moved to another time is recorded too; {@link ShowtimeMoves} tells its bookings. Its waitlist is
 * closed, offers included (their holds can never be sold), as is an ended showtime's: both are final, so an event read
 * late closes nothing that could still sell, and closing again changes nothing. (A list whose sales closed by the clock
 * is closed by the offer sweep.)
 */
@Component
public class ShowtimeEventsListener {
    private final Inbox inbox;
    private final Cancellations cancellations;
    private final Waitlists waitlists;
    private final ShowtimeMoves moves;

    public ShowtimeEventsListener(Inbox inbox, Cancellations cancellations, Waitlists waitlists, ShowtimeMoves moves) {
        this.inbox = inbox;
        this.cancellations = cancellations;
        this.waitlists = waitlists;
        this.moves = moves;
    }

    @KafkaListener(topics = "ticketmesh.catalog.showtimes", groupId = "booking-service.showtimes")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(ShowtimeCancelled.getDescriptor())) {
            UUID showtimeId = UUID.fromString(event.payload(ShowtimeCancelled.parser()).getShowtime().getShowtimeId());
            inbox.handleOnce("showtime-cancellations", event, e -> cancellations.showtimeCancelled(showtimeId));
            waitlists.closeCancelled(showtimeId);
        } else if (event.is(ShowtimeChanged.getDescriptor())) {
            ShowtimeChanged change = event.payload(ShowtimeChanged.parser());
            Showtime changed = change.getShowtime();
            if (change.getChangedFieldsList().contains("starts_at")) {
                inbox.handleOnce("showtime-moves", event, e -> moves.moved(changed));
            }
            if (changed.getStatus() == ShowtimeStatus.SHOWTIME_STATUS_ENDED) {
                waitlists.close(UUID.fromString(changed.getShowtimeId()), "the showtime has ended");
            }
        }
    }
}
