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
    private final SagaStore store;
    private final SagaRecovery recovery;

    public PaymentEventsListener(SagaStore store, SagaRecovery recovery) {
        this.store = store;
        this.recovery = recovery;
    }

    @KafkaListener(topics = "ticketmesh.payments", groupId = "booking-service.payments", batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        Set<UUID> bookings = new LinkedHashSet<>();
        records.forEach(record -> bookingToWake(ReceivedEvent.of(record)).ifPresent(bookings::add));
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
