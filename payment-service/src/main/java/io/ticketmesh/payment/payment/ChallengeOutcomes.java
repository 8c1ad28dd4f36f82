package io.ticketmesh.payment.payment;

import io.ticketmesh.payment.persistence.PaymentRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies the provider's webhook about a 3-D Secure challenge: the payment becomes AUTHORIZED or FAILED. */
@Service
public class ChallengeOutcomes {
    private final PaymentRepository payments;
    private final PaymentEvents events;
    private final PaymentReader reader;

    public ChallengeOutcomes(PaymentRepository payments, PaymentEvents events, PaymentReader reader) {
        this.payments = payments;
        this.events = events;
        this.reader = reader;
    }

    public enum Result { APPLIED, REPLAYED }

    /**
     * Records the webhook's event id and applies it, in one transaction. A repeated event id is a replay and changes
     * nothing; an event about a payment no longer waiting (voided when its hold ran out) is acknowledged and ignored.
     */
    @Transactional
    public Result apply(String eventId, String type, String chargeId, String declineCode) {
        if (!payments.firstReceipt(eventId)) {
            return Result.REPLAYED;
        }
        payments.findByChargeForUpdate(chargeId).filter(p -> p.getStatus().equals("REQUIRES_ACTION")).ifPresent(payment -> {
            if (type.equals("charge.authorized")) {
                payment.setStatus("AUTHORIZED");
            } else if (type.equals("charge.failed")) {
                payment.setStatus("FAILED");
                payment.setFailureCode(declineCode == null ? "authentication_failed" : declineCode);
                payment.setFailureMessage("The 3-D Secure challenge was not completed.");
            } else {
                return;
            }
            payment.setNextActionUrl(null);
            payments.save(payment);
            events.changed(payment, reader.proto(payment));
        });
        return Result.APPLIED;
    }
}
