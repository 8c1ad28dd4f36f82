package io.ticketmesh.payment.payment;

import io.ticketmesh.payment.persistence.PaymentRepository;
import io.ticketmesh.payment.persistence.jooq.tables.records.PaymentsRecord;
import io.ticketmesh.payment.persistence.jooq.tables.records.RefundsRecord;
import io.ticketmesh.payment.provider.PaymentProvider;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.payment.v1.CaptureRequest;
import io.ticketmesh.proto.payment.v1.CaptureResponse;
import io.ticketmesh.proto.payment.v1.RefundRequest;
import io.ticketmesh.proto.payment.v1.RefundResponse;
import io.ticketmesh.proto.payment.v1.VoidRequest;
import io.ticketmesh.proto.payment.v1.VoidResponse;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Capture, Void and Refund. Each runs under the payment's row lock, once per request_id; the provider is asked
 * with a key derived from the payment and the request_id, so a retry after a crash repeats nothing at the provider.
 */
@Service
public class Settlement {
    private static final Set<String> VOIDABLE = Set.of("AUTHORIZING", "REQUIRES_ACTION", "AUTHORIZED");
    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final PaymentEvents events;
    private final PaymentReader reader;
    private final IdempotentRequests idempotent;

    public Settlement(PaymentRepository payments, PaymentProvider provider, PaymentEvents events, PaymentReader reader,
                      IdempotentRequests idempotent) {
        this.payments = payments;
        this.provider = provider;
        this.events = events;
        this.reader = reader;
        this.idempotent = idempotent;
    }

    @Transactional
    public CaptureResponse capture(CaptureRequest request) {
        CallerContext.current().requireService();
        PaymentsRecord payment = locked(request.getPaymentId());
        return idempotent.once(request.getRequestId(), request, CaptureResponse.parser(), () -> {
            if (!payment.getStatus().equals("AUTHORIZED")) {
                throw DomainException.invalidState("payment " + payment.getId() + " is " + payment.getStatus() + ", not AUTHORIZED");
            }
            long amount = amount(request.hasAmount() ? request.getAmount() : null, payment, payment.getAmountMinor());
            if (amount > payment.getAmountMinor()) {
                throw DomainException.invalid("amount.amount_minor", "is more than the " + payment.getAmountMinor() + " authorized");
            }
            provider.capture(key(payment, "capture", request.getRequestId()), payment.getProviderReference(), amount);
            payment.setCapturedMinor(amount);
            payment.setStatus("CAPTURED");
            payments.save(payment);
            var proto = reader.proto(payment);
            events.changed(payment, proto);
            return CaptureResponse.newBuilder().setPayment(proto).build();
        });
    }

    /** Releases an uncaptured authorization. Voiding a voided or failed payment changes nothing. */
    @Transactional
    public VoidResponse voidPayment(VoidRequest request) {
        CallerContext.current().requireService();
        PaymentsRecord payment = locked(request.getPaymentId());
        return idempotent.once(request.getRequestId(), request, VoidResponse.parser(), () -> {
            if (VOIDABLE.contains(payment.getStatus())) {
                String charge = payment.getProviderReference() != null ? payment.getProviderReference()
                        : provider.chargeFor(payment.getId().toString()).orElse(null);
                if (charge != null) {
                    provider.voidCharge(key(payment, "void", request.getRequestId()), charge);
                    payment.setProviderReference(charge);
                }
                payment.setStatus("VOIDED");
                payments.save(payment);
                events.changed(payment, reader.proto(payment));
            } else if (!payment.getStatus().equals("VOIDED") && !payment.getStatus().equals("FAILED")) {
                throw DomainException.invalidState("payment " + payment.getId() + " is " + payment.getStatus() + "; refund it instead");
            }
            return VoidResponse.newBuilder().setPayment(reader.proto(payment)).build();
        });
    }

    /** Gives back part or all of what was captured; never more than captured minus refunded. */
    @Transactional
    public RefundResponse refund(RefundRequest request) {
        CallerContext.current().requireService();
        PaymentsRecord payment = locked(request.getPaymentId());
        return idempotent.once(request.getRequestId(), request, RefundResponse.parser(), () -> {
            if (!payment.getStatus().equals("CAPTURED") && !payment.getStatus().equals("PARTIALLY_REFUNDED")
                    && !payment.getStatus().equals("REFUNDED")) {
                throw DomainException.invalidState("payment " + payment.getId() + " is " + payment.getStatus() + "; nothing was captured");
            }
            long refundable = payment.getCapturedMinor() - payment.getRefundedMinor();
            long amount = amount(request.hasAmount() ? request.getAmount() : null, payment, refundable);
            if (amount > refundable || amount == 0) {
                throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_REFUND_EXCEEDS_CAPTURED,
                        "refund of " + amount + " asked; " + refundable + " is left to refund")
                        .with("refundable_minor", Long.toString(refundable));
            }
            String reference = provider.refund(key(payment, "refund", request.getRequestId()), payment.getProviderReference(), amount);
            RefundsRecord refund = payments.addRefund(payment.getId(), amount, request.getReason(), reference);
            payment.setRefundedMinor(payment.getRefundedMinor() + amount);
            payment.setStatus(payment.getRefundedMinor().equals(payment.getCapturedMinor()) ? "REFUNDED" : "PARTIALLY_REFUNDED");
            payments.save(payment);
            var proto = reader.proto(payment);
            var refunded = PaymentProtos.refund(refund, payment.getCurrency());
            events.refunded(payment, proto, refunded);
            return RefundResponse.newBuilder().setPayment(proto).setRefund(refunded).build();
        });
    }

    private PaymentsRecord locked(String paymentId) {
        return payments.findForUpdate(UUID.fromString(paymentId)).orElseThrow(() -> DomainException.notFound("payment", paymentId));
    }

    /** The asked amount in the payment's currency, or {@code otherwise} when none was given. */
    private static long amount(Money asked, PaymentsRecord payment, long otherwise) {
        if (asked == null || asked.getAmountMinor() == 0 && asked.getCurrency().isEmpty()) {
            return otherwise;
        }
        if (!asked.getCurrency().equals(payment.getCurrency())) {
            throw DomainException.invalid("amount.currency", "must be the payment's currency " + payment.getCurrency());
        }
        return asked.getAmountMinor();
    }

    private static String key(PaymentsRecord payment, String operation, String requestId) {
        return payment.getId() + "/" + operation + "/" + requestId;
    }
}
