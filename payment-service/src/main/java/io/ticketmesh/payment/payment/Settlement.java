package io.ticketmesh.payment.payment;

import io.ticketmesh.payment.persistence.PaymentRepository;
import io.ticketmesh.payment.persistence.jooq.tables.records.PaymentsRecord;
import io.ticketmesh.payment.persistence.jooq.tables.records.RefundsRecord;
import io.ticketmesh.payment.provider.PaymentProvider;
import io.ticketmesh.payment.provider.ProviderRefusedException;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Capture, Void and Refund, once per request_id. The provider is asked with a key derived from the payment and the
 * request_id, so a retry after a crash repeats nothing at the provider. Capture and void (on every booking's path)
 * decide from plain reads, ask it outside any transaction and record under the payment's row lock; a refund (rare,
 * and never more than what is left) holds the row lock throughout, so two refunds of one payment cannot both pass
 * the check.
 */
@Service
public class Settlement {
    private static final Set<String> VOIDABLE = Set.of("AUTHORIZING", "REQUIRES_ACTION", "AUTHORIZED");
    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final PaymentEvents events;
    private final PaymentReader reader;
    private final IdempotentRequests idempotent;
    private final TransactionTemplate transaction;

    public Settlement(PaymentRepository payments, PaymentProvider provider, PaymentEvents events, PaymentReader reader,
                      IdempotentRequests idempotent, TransactionTemplate transaction) {
        this.payments = payments;
        this.provider = provider;
        this.events = events;
        this.reader = reader;
        this.idempotent = idempotent;
        this.transaction = transaction;
    }

    /**
     * Captures in three steps, so no payment transaction waits on the network: decide from a plain read (or answer a
     * retry), ask the provider (idempotent by key), record with one update that applies only to a payment still
     * AUTHORIZED, so the state is checked again where it is written. A lock in the first step would hold nothing over
     * the provider's call, and would cost a transaction that writes (a row lock takes a transaction id, so its commit
     * is flushed to the WAL). A payment still AUTHORIZED has no capture committed, so only one that is not needs its
     * request looked up as a retry. The request is claimed before the update: a retry racing its original waits for
     * it and answers what it stored, and of two different captures the second finds the payment captured.
     */
    public CaptureResponse capture(CaptureRequest request) {
        CallerContext.current().requireService();
        PaymentsRecord found = found(request.getPaymentId());
        if (!found.getStatus().equals("AUTHORIZED")) {
            Optional<CaptureResponse> earlier = idempotent.previous(request.getRequestId(), request, CaptureResponse.parser());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        PaymentsRecord asked = capturable(found);
        long amount = amount(request.hasAmount() ? request.getAmount() : null, asked, asked.getAmountMinor());
        if (amount > asked.getAmountMinor()) {
            throw DomainException.invalid("amount.amount_minor", "is more than the " + asked.getAmountMinor() + " authorized");
        }
        askProvider(asked, () -> provider.capture(key(asked, "capture", request.getRequestId()), asked.getProviderReference(), amount));
        return transaction.execute(status -> idempotent.once(request.getRequestId(), request, CaptureResponse.parser(), () -> {
            PaymentsRecord captured = payments.newRecord();
            captured.setCapturedMinor(amount);
            captured.setStatus("CAPTURED");
            PaymentsRecord payment = payments.saveIfStill(asked.getId(), captured, "AUTHORIZED")
                    .orElseThrow(() -> notAuthorized(found(request.getPaymentId())));
            var proto = reader.proto(payment);
            events.changed(payment, proto);
            return CaptureResponse.newBuilder().setPayment(proto).build();
        }));
    }

    /** Releases an uncaptured authorization in capture's three steps. Voiding a voided or failed payment changes nothing. */
    public VoidResponse voidPayment(VoidRequest request) {
        CallerContext.current().requireService();
        Optional<VoidResponse> earlier = idempotent.previous(request.getRequestId(), request, VoidResponse.parser());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        PaymentsRecord asked = voidable(found(request.getPaymentId()));
        String charge = null;
        if (VOIDABLE.contains(asked.getStatus())) {
            charge = asked.getProviderReference() != null ? asked.getProviderReference() : provider.chargeFor(asked.getId().toString()).orElse(null);
            if (charge != null) {
                String voiding = charge;
                askProvider(asked, () -> provider.voidCharge(key(asked, "void", request.getRequestId()), voiding));
            }
        }
        String voided = charge;
        return transaction.execute(status -> {
            PaymentsRecord payment = locked(request.getPaymentId());
            return idempotent.once(request.getRequestId(), request, VoidResponse.parser(), () -> {
                if (VOIDABLE.contains(voidable(payment).getStatus())) {
                    payment.setProviderReference(voided != null ? voided : payment.getProviderReference());
                    payment.setStatus("VOIDED");
                    payments.save(payment);
                    events.changed(payment, reader.proto(payment));
                }
                return VoidResponse.newBuilder().setPayment(reader.proto(payment)).build();
            });
        });
    }

    private static PaymentsRecord capturable(PaymentsRecord payment) {
        if (!payment.getStatus().equals("AUTHORIZED")) {
            throw notAuthorized(payment);
        }
        return payment;
    }

    /**
     * Asks the provider to capture or void. A refusal means another request (a capture or void under another request
     * id) moved the charge on after this one read the payment; that request records the outcome, so a later look
     * finds it: ABORTED.
     */
    private static void askProvider(PaymentsRecord payment, Runnable call) {
        try {
            call.run();
        } catch (ProviderRefusedException refusal) {
            throw new DomainException(FailureKind.ABORTED, ErrorReason.ERROR_REASON_INVALID_STATE,
                    "payment " + payment.getId() + " was changed by another request meanwhile: " + refusal.getMessage());
        }
    }

    private static DomainException notAuthorized(PaymentsRecord payment) {
        return DomainException.invalidState("payment " + payment.getId() + " is " + payment.getStatus() + ", not AUTHORIZED");
    }

    private static PaymentsRecord voidable(PaymentsRecord payment) {
        if (!VOIDABLE.contains(payment.getStatus()) && !payment.getStatus().equals("VOIDED") && !payment.getStatus().equals("FAILED")) {
            throw DomainException.invalidState("payment " + payment.getId() + " is " + payment.getStatus() + "; refund it instead");
        }
        return payment;
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
                        .with(ErrorDetail.REFUNDABLE_MINOR, Long.toString(refundable));
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

    private PaymentsRecord found(String paymentId) {
        return payments.find(UUID.fromString(paymentId)).orElseThrow(() -> DomainException.notFound("payment", paymentId));
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
