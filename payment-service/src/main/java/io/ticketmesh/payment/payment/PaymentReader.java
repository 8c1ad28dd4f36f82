package io.ticketmesh.payment.payment;

import io.ticketmesh.payment.persistence.PaymentRepository;
import io.ticketmesh.payment.persistence.jooq.tables.records.PaymentsRecord;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.payment.v1.GetPaymentRequest;
import io.ticketmesh.proto.payment.v1.GetPaymentResponse;
import io.ticketmesh.proto.payment.v1.ListPaymentsRequest;
import io.ticketmesh.proto.payment.v1.ListPaymentsResponse;
import io.ticketmesh.proto.payment.v1.Payment;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads payments, and turns a failed one into the error its Authorize answers with. */
@Service
public class PaymentReader {
    private final PaymentRepository payments;

    public PaymentReader(PaymentRepository payments) {
        this.payments = payments;
    }

    public GetPaymentResponse get(GetPaymentRequest request) {
        CallerContext.current().requireService();
        PaymentsRecord payment = payments.find(UUID.fromString(request.getPaymentId()))
                .orElseThrow(() -> DomainException.notFound("payment", request.getPaymentId()));
        return GetPaymentResponse.newBuilder().setPayment(proto(payment)).build();
    }

    public ListPaymentsResponse list(ListPaymentsRequest request) {
        CallerContext.current().requireService();
        return ListPaymentsResponse.newBuilder().addAllPayments(payments.ofBooking(UUID.fromString(request.getBookingId())).stream()
                .map(this::proto).toList()).build();
    }

    /**
     * The payment as the contract's message. Its refunds are read only when it has any: a refund adds to
     * refunded_minor in the transaction that records it, so a payment nothing was refunded from costs no query.
     */
    Payment proto(PaymentsRecord payment) {
        boolean refunded = payment.getRefundedMinor() != null && payment.getRefundedMinor() > 0;
        return PaymentProtos.payment(payment, refunded ? payments.refundsOf(payment.getId()) : List.of());
    }

    /** The payment, or for a failed authorization PAYMENT_DECLINED / PAYMENT_PROVIDER_TIMEOUT naming it. */
    Payment answerOrFail(PaymentsRecord payment) {
        if (!payment.getStatus().equals("FAILED")) {
            return proto(payment);
        }
        if (payment.getFailureCode().equals("provider_timeout")) {
            throw new DomainException(FailureKind.UNAVAILABLE, ErrorReason.ERROR_REASON_PAYMENT_PROVIDER_TIMEOUT, payment.getFailureMessage())
                    .with(ErrorDetail.PAYMENT_ID, payment.getId().toString());
        }
        throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_PAYMENT_DECLINED, payment.getFailureMessage())
                .with(ErrorDetail.DECLINE_CODE, payment.getFailureCode()).with(ErrorDetail.PAYMENT_ID, payment.getId().toString());
    }
}
