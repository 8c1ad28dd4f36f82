package io.ticketmesh.payment.payment;

import io.ticketmesh.payment.persistence.jooq.tables.records.PaymentsRecord;
import io.ticketmesh.payment.persistence.jooq.tables.records.RefundsRecord;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.payment.v1.Payment;
import io.ticketmesh.proto.payment.v1.PaymentStatus;
import io.ticketmesh.proto.payment.v1.Refund;
import java.time.OffsetDateTime;
import java.util.List;

/** Payment rows as the contract's messages. */
final class PaymentProtos {
    private PaymentProtos() {}

    static Payment payment(PaymentsRecord row, List<RefundsRecord> refunds) {
        Payment.Builder payment = Payment.newBuilder()
                .setPaymentId(row.getId().toString())
                .setBookingId(row.getBookingId().toString())
                .setStatus(status(row.getStatus()))
                .setAmount(money(row.getAmountMinor(), row.getCurrency()))
                .setCaptured(money(row.getCapturedMinor(), row.getCurrency()))
                .setRefunded(money(row.getRefundedMinor(), row.getCurrency()))
                .setCardBrand(row.getCardBrand())
                .setCardLast4(row.getCardLast4())
                .setCreatedAt(StoredTime.timestamp(row.getCreatedAt()))
                .setUpdatedAt(StoredTime.timestamp(row.getUpdatedAt()));
        if (row.getProviderReference() != null) {
            payment.setProviderReference(row.getProviderReference());
        }
        if (row.getFailureCode() != null) {
            payment.setFailureCode(row.getFailureCode()).setFailureMessage(row.getFailureMessage());
        }
        if (row.getNextActionUrl() != null && row.getStatus().equals("REQUIRES_ACTION")) {
            payment.setNextActionUrl(row.getNextActionUrl());
        }
        refunds.forEach(refund -> payment.addRefunds(refund(refund, row.getCurrency())));
        return payment.build();
    }

    static Refund refund(RefundsRecord refund, String currency) {
        return Refund.newBuilder().setRefundId(refund.getId().toString()).setAmount(money(refund.getAmountMinor(), currency))
                .setReason(refund.getReason()).setCreatedAt(StoredTime.timestamp(refund.getCreatedAt())).build();
    }

    /** AUTHORIZING (the provider has not answered yet) is internal; outside it reads as waiting for action. */
    private static PaymentStatus status(String status) {
        return status.equals("AUTHORIZING") ? PaymentStatus.PAYMENT_STATUS_REQUIRES_ACTION : PaymentStatus.valueOf("PAYMENT_STATUS_" + status);
    }

    static Money money(long amountMinor, String currency) {
        return Money.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build();
    }

}
