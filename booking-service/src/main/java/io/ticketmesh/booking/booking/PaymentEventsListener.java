package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.saga.SagaRecovery;
import io.ticketmesh.booking.saga.SagaStore;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.payment.v1.PaymentAuthorized;
import io.ticketmesh.proto.payment.v1.PaymentFailed;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Wakes a booking waiting for 3-D Secure when its payment is authorized or fails. Waking twice is harmless (only a
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

    @KafkaListener(topics = "ticketmesh.payments", groupId = "booking-service.payments")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        String bookingId;
        if (event.is(PaymentAuthorized.getDescriptor())) {
            bookingId = event.payload(PaymentAuthorized.parser()).getPayment().getBookingId();
        } else if (event.is(PaymentFailed.getDescriptor())) {
            bookingId = event.payload(PaymentFailed.parser()).getPayment().getBookingId();
        } else {
            return;
        }
        UUID id = UUID.fromString(bookingId);
        if (store.wake(id)) {
            recovery.resume(id);
        }
    }
}
