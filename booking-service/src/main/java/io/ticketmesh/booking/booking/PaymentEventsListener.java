package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.saga.SagaRecovery;
import io.ticketmesh.booking.saga.SagaStore;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.payment.v1.PaymentAuthorized;
import io.ticketmesh.proto.payment.v1.PaymentFailed;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Wakes bookings waiting for 3-D Secure when their payment is authorized or fails. Every payment's authorization is
 * announced, and most bookings are not waiting (they were authorized without a challenge), so the events of one
 * poll are taken together: one statement wakes whichever of their bookings wait. Waking twice is harmless (only a
 * waiting saga wakes), so no inbox is needed; the saga reads the payment itself rather than trusting the event.
 */
@Component
public class PaymentEventsListener {
    private static final Logger log = LoggerFactory.getLogger(PaymentEventsListener.class);
    /**
     * The broker answers a fetch once it has this much, or after {@link #FETCH_WAIT_MS}: every booking announces two
     * payment events and only a 3-D Secure one needs them, so a poll gathers a tenth of a second of them rather than
     * being answered for every event (a poll and a statement for one or two events). A customer back from a challenge
     * waits at most that tenth of a second longer.
     */
    private static final int FETCH_MIN_BYTES = 64 * 1024;
    private static final int FETCH_WAIT_MS = 100;
    private final SagaStore store;
    private final SagaRecovery recovery;

    public PaymentEventsListener(SagaStore store, SagaRecovery recovery) {
        this.store = store;
        this.recovery = recovery;
    }

    @KafkaListener(topics = "ticketmesh.payments", groupId = "booking-service.payments", batch = "true",
            properties = {"fetch.max.wait.ms=" + FETCH_WAIT_MS, "fetch.min.bytes=" + FETCH_MIN_BYTES})
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        Set<UUID> bookings = new LinkedHashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                bookingToWake(ReceivedEvent.of(record)).ifPresent(bookings::add);
            } catch (RuntimeException unreadable) {
                // one bad record must not hold back the wake-ups of the others in its poll
                log.warn("skipping unreadable payment event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        unreadable.toString());
            }
        }
        if (!bookings.isEmpty()) {
            store.wakeAll(bookings).forEach(recovery::resume);
        }
    }

    /** The booking a payment's authorization or failure may let go on. */
    private static Optional<UUID> bookingToWake(ReceivedEvent event) {
        if (event.is(PaymentAuthorized.getDescriptor())) {
            return Optional.of(UUID.fromString(event.payload(PaymentAuthorized.parser()).getPayment().getBookingId()));
        }
        if (event.is(PaymentFailed.getDescriptor())) {
            return Optional.of(UUID.fromString(event.payload(PaymentFailed.parser()).getPayment().getBookingId()));
        }
        return Optional.empty();
    }
}
