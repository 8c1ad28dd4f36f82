package io.ticketmesh.payment.payment;

import io.ticketmesh.payment.persistence.jooq.tables.records.PaymentsRecord;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.proto.payment.v1.Payment;
import io.ticketmesh.proto.payment.v1.PaymentAuthorized;
import io.ticketmesh.proto.payment.v1.PaymentCaptured;
import io.ticketmesh.proto.payment.v1.PaymentFailed;
import io.ticketmesh.proto.payment.v1.PaymentRefunded;
import io.ticketmesh.proto.payment.v1.PaymentVoided;
import io.ticketmesh.proto.payment.v1.Refund;
import org.springframework.stereotype.Component;

/** Payment changes announced on {@code ticketmesh.payments}, keyed by payment, in the transaction that makes them. */
@Component
public class PaymentEvents {
    public static final String TOPIC = "ticketmesh.payments";
    private final Outbox outbox;

    public PaymentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Announces the payment's new status (no event for one still waiting on the customer). */
    void changed(PaymentsRecord row, Payment payment) {
        var metadata = EventMetadatas.next(payment.getPaymentId(), row.getVersion());
        switch (row.getStatus()) {
            case "AUTHORIZED" -> outbox.append(TOPIC, PaymentAuthorized.newBuilder().setMetadata(metadata).setPayment(payment).build());
            case "CAPTURED" -> outbox.append(TOPIC, PaymentCaptured.newBuilder().setMetadata(metadata).setPayment(payment).build());
            case "FAILED" -> outbox.append(TOPIC, PaymentFailed.newBuilder().setMetadata(metadata).setPayment(payment).build());
            case "VOIDED" -> outbox.append(TOPIC, PaymentVoided.newBuilder().setMetadata(metadata).setPayment(payment).build());
            default -> { }
        }
    }

    void refunded(PaymentsRecord row, Payment payment, Refund refund) {
        outbox.append(TOPIC, PaymentRefunded.newBuilder().setMetadata(EventMetadatas.next(payment.getPaymentId(), row.getVersion()))
                .setPayment(payment).setAmount(refund.getAmount()).setRefundId(refund.getRefundId()).build());
    }
}
