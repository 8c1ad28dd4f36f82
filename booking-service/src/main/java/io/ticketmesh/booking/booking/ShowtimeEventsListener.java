package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.persistence.RefundPolicyRepository;
import io.ticketmesh.booking.waitlist.Waitlists;
import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeCancelled;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.event.v1.ShowtimePublished;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A cancelled showtime is recorded here (once, through the inbox); Cancellations refunds its bookings. A showtime
 * moved to another time is recorded too; {@link ShowtimeMoves} tells its bookings. Its refund policy is recorded as
 * published and each time it changes ({@link CustomerRefunds} holds a customer to the one they booked under). Its waitlist is
 * closed, offers included (their holds can never be sold), as is an ended showtime's: both are final, so an event read
 * late closes nothing that could still sell, and closing again changes nothing. (A list whose sales closed by the clock
 * is closed by the offer sweep.)
 */
@Component
public class ShowtimeEventsListener {
    /** The fields of a ShowtimeChanged that change the showtime's refund policy. */
    private static final Set<String> REFUND_POLICY = Set.of("customer_refunds_end", "customer_refund_steps");
    private final Inbox inbox;
    private final Cancellations cancellations;
    private final Waitlists waitlists;
    private final ShowtimeMoves moves;
    private final RefundPolicyRepository policies;

    public ShowtimeEventsListener(Inbox inbox, Cancellations cancellations, Waitlists waitlists, ShowtimeMoves moves,
                                  RefundPolicyRepository policies) {
        this.inbox = inbox;
        this.cancellations = cancellations;
        this.waitlists = waitlists;
        this.moves = moves;
        this.policies = policies;
    }

    @KafkaListener(topics = "ticketmesh.catalog.showtimes", groupId = "booking-service.showtimes")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(ShowtimePublished.getDescriptor())) {
            policies.record(event.payload(ShowtimePublished.parser()).getShowtime());
        } else if (event.is(ShowtimeCancelled.getDescriptor())) {
            UUID showtimeId = UUID.fromString(event.payload(ShowtimeCancelled.parser()).getShowtime().getShowtimeId());
            inbox.handleOnce("showtime-cancellations", event, e -> cancellations.showtimeCancelled(showtimeId));
            waitlists.closeCancelled(showtimeId);
        } else if (event.is(ShowtimeChanged.getDescriptor())) {
            ShowtimeChanged change = event.payload(ShowtimeChanged.parser());
            Showtime changed = change.getShowtime();
            if (change.getChangedFieldsList().stream().anyMatch(REFUND_POLICY::contains)) {
                policies.record(changed);
            }
            if (change.getChangedFieldsList().contains("starts_at")) {
                inbox.handleOnce("showtime-moves", event, e -> moves.moved(changed));
            }
            if (changed.getStatus() == ShowtimeStatus.SHOWTIME_STATUS_ENDED) {
                waitlists.close(UUID.fromString(changed.getShowtimeId()), "the showtime has ended");
            }
        }
    }
}
