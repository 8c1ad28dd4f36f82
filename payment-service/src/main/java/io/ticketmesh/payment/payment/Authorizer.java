package io.ticketmesh.payment.payment;

import io.ticketmesh.payment.persistence.PaymentRepository;
import io.ticketmesh.payment.persistence.jooq.tables.records.PaymentsRecord;
import io.ticketmesh.payment.provider.PaymentProvider;
import io.ticketmesh.payment.provider.PaymentProvider.Authorization;
import io.ticketmesh.payment.provider.PaymentProvider.CardDetails;
import io.ticketmesh.payment.provider.ProviderTimeoutException;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.payment.v1.AuthorizeRequest;
import io.ticketmesh.proto.payment.v1.AuthorizeResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Authorize: the payment row is written first (AUTHORIZING, keyed by the request_id), then the provider is asked
 * with the payment id as its idempotency key, outside any transaction, then its answer is stored with its event.
 * A retry, or a retry after a crash at any point, asks the provider again with the same key and gets the same
 * charge: never two authorizations for one request.
 */
@Service
public class Authorizer {
    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final PaymentEvents events;
    private final PaymentReader reader;
    private final TransactionTemplate transaction;

    public Authorizer(PaymentRepository payments, PaymentProvider provider, PaymentEvents events, PaymentReader reader,
                      TransactionTemplate transaction) {
        this.payments = payments;
        this.provider = provider;
        this.events = events;
        this.reader = reader;
        this.transaction = transaction;
    }

    public AuthorizeResponse authorize(AuthorizeRequest request) {
        CallerContext.current().requireService();
        CardDetails card = new CardDetails(request.getCard().getNumber(), request.getCard().getExpMonth(),
                request.getCard().getExpYear(), request.getCard().getCvc());
        PaymentsRecord stored = payments.insertIfAbsent(newPayment(request, card)); // one statement, committed on its own
        if (!MessageDigest.isEqual(stored.getRequestHash(), fingerprint(request))) {
            throw new DomainException(FailureKind.ABORTED, ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED,
                    "request_id " + request.getRequestId() + " was used for a different payment");
        }
        PaymentsRecord payment = stored;
        if (payment.getStatus().equals("AUTHORIZING")) {
            Authorization answer;
            try {
                answer = provider.authorize(stored.getId().toString(), card, request.getAmount().getAmountMinor(),
                        request.getAmount().getCurrency(), request.getDescription(), request.getReturnUrl());
            } catch (ProviderTimeoutException e) {
                answer = null;
            }
            Authorization outcome = answer;
            payment = transaction.execute(status -> record(stored.getId(), outcome));
        }
        return AuthorizeResponse.newBuilder().setPayment(reader.answerOrFail(payment)).build();
    }

    /**
     * Stores the provider's answer (null: it timed out) unless another attempt stored one first: one conditional
     * update of the payment while it is AUTHORIZING, else the answer stored first.
     */
    private PaymentsRecord record(UUID paymentId, Authorization answer) {
        PaymentsRecord answered = payments.newRecord();
        if (answer == null) {
            answered.setStatus("FAILED");
            answered.setFailureCode("provider_timeout");
            answered.setFailureMessage("The card network did not answer in time; nothing was charged.");
        } else {
            answered.setProviderReference(answer.chargeId());
            switch (answer.outcome()) {
                case AUTHORIZED -> answered.setStatus("AUTHORIZED");
                case REQUIRES_ACTION -> {
                    answered.setStatus("REQUIRES_ACTION");
                    answered.setNextActionUrl(answer.actionUrl());
                }
                case DECLINED -> {
                    answered.setStatus("FAILED");
                    answered.setFailureCode(answer.declineCode());
                    answered.setFailureMessage(answer.declineMessage());
                }
            }
        }
        return payments.saveIfStill(paymentId, answered, "AUTHORIZING").map(payment -> {
            events.changed(payment, reader.proto(payment));
            return payment;
        }).orElseGet(() -> payments.find(paymentId).orElseThrow());
    }

    private PaymentsRecord newPayment(AuthorizeRequest request, CardDetails card) {
        PaymentsRecord payment = payments.newRecord();
        payment.setId(UUID.randomUUID());
        payment.setBookingId(UUID.fromString(request.getBookingId()));
        payment.setAuthorizeRequest(request.getRequestId());
        payment.setRequestHash(fingerprint(request));
        payment.setStatus("AUTHORIZING");
        payment.setCurrency(request.getAmount().getCurrency());
        payment.setAmountMinor(request.getAmount().getAmountMinor());
        payment.setCardBrand(card.brand());
        payment.setCardLast4(card.last4());
        payment.setCreatedAt(StoredTime.now());
        payment.setUpdatedAt(payment.getCreatedAt());
        if (request.getAmount().getAmountMinor() <= 0) {
            throw DomainException.invalid("amount.amount_minor", "must be more than zero");
        }
        return payment;
    }

    /** What tells a retry from another request, without keeping the card number or its hash. */
    private static byte[] fingerprint(AuthorizeRequest request) {
        AuthorizeRequest masked = request.toBuilder().setCard(request.getCard().toBuilder()
                .setNumber(request.getCard().getNumber().substring(request.getCard().getNumber().length() - 4)).setCvc("")).build();
        try {
            return MessageDigest.getInstance("SHA-256").digest(masked.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
