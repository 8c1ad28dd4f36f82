package io.ticketmesh.booking.waitlist;

import io.ticketmesh.platform.outbox.CloudEventHeaders;
import io.ticketmesh.proto.ticket.v1.SeatsReleased;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Wakes a showtime's waitlist when seats there come back on sale (ticket-service's {@code SeatsReleased}: a hold
 * released or lapsed, a booking failed or cancelled, seats unblocked). Inventory events are keyed by showtime, and
 * most showtimes have no list, so a record is looked at only when its key names a showtime someone waits for; waking
 * is an in-memory mark that the next sweep reads, so a redelivery or a lost one costs at most a try or a retry
 * interval (see {@link OfferSchedule}).
 */
@Component
class FreedSeatsListener {
    static final String TOPIC = "ticketmesh.inventory.seats";
    private static final String RELEASED = SeatsReleased.getDescriptor().getFullName();
    /**
     * The broker answers a fetch once it has this much, or after {@link #FETCH_WAIT_MS}: in an on-sale rush every hold
     * announces two seat events, and the sweep reads wake-ups once a second anyway, so a poll gathers half a second of
     * them rather than being answered for every few.
     */
    private static final int FETCH_MIN_BYTES = 256 * 1024;
    private static final int FETCH_WAIT_MS = 500;
    private final OfferSchedule schedule;

    FreedSeatsListener(OfferSchedule schedule) {
        this.schedule = schedule;
    }

    @KafkaListener(topics = TOPIC, groupId = "booking-service.waitlist", batch = "true",
            properties = {"fetch.max.wait.ms=" + FETCH_WAIT_MS, "fetch.min.bytes=" + FETCH_MIN_BYTES})
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() != null && schedule.watches(record.key()) && isSeatsReleased(record)) {
                schedule.wake(UUID.fromString(record.key()));
            }
        }
    }

    private static boolean isSeatsReleased(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return type != null && RELEASED.equals(new String(type.value(), StandardCharsets.UTF_8));
    }
}
