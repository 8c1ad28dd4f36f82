package io.ticketmesh.payment.persistence;

import static io.ticketmesh.payment.persistence.jooq.Tables.PAYMENTS;
import static io.ticketmesh.payment.persistence.jooq.Tables.REFUNDS;
import static io.ticketmesh.payment.persistence.jooq.Tables.WEBHOOK_RECEIPTS;

import io.ticketmesh.payment.persistence.jooq.tables.records.PaymentsRecord;
import io.ticketmesh.payment.persistence.jooq.tables.records.RefundsRecord;
import io.ticketmesh.platform.persistence.StoredTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Payments, their refunds and the webhooks applied to them. */
@Repository
public class PaymentRepository {
    private final DSLContext dsl;

    public PaymentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Inserts the payment unless one exists for its authorize request; answers the one that exists (read only for a retry). */
    public PaymentsRecord insertIfAbsent(PaymentsRecord payment) {
        return dsl.insertInto(PAYMENTS).set(payment).onConflict(PAYMENTS.AUTHORIZE_REQUEST).doNothing().returning().fetchOptional()
                .orElseGet(() -> dsl.selectFrom(PAYMENTS).where(PAYMENTS.AUTHORIZE_REQUEST.eq(payment.getAuthorizeRequest())).fetchSingle());
    }

    public PaymentsRecord newRecord() {
        return dsl.newRecord(PAYMENTS);
    }

    public Optional<PaymentsRecord> find(UUID paymentId) {
        return dsl.selectFrom(PAYMENTS).where(PAYMENTS.ID.eq(paymentId)).fetchOptional();
    }

    public List<PaymentsRecord> ofBooking(UUID bookingId) {
        return dsl.selectFrom(PAYMENTS).where(PAYMENTS.BOOKING_ID.eq(bookingId)).orderBy(PAYMENTS.CREATED_AT).fetch();
    }

    public Optional<PaymentsRecord> findForUpdate(UUID paymentId) {
        return dsl.selectFrom(PAYMENTS).where(PAYMENTS.ID.eq(paymentId)).forUpdate().fetchOptional();
    }

    public Optional<PaymentsRecord> findByChargeForUpdate(String chargeId) {
        return dsl.selectFrom(PAYMENTS).where(PAYMENTS.PROVIDER_REFERENCE.eq(chargeId)).forUpdate().fetchOptional();
    }

    /**
     * Writes the fields set in {@code changes} to the payment, with its version advanced, if it is still in
     * {@code status}: one conditional update. Answers the payment as stored, or empty (nothing written) when another
     * writer moved it on first.
     */
    public Optional<PaymentsRecord> saveIfStill(UUID paymentId, PaymentsRecord changes, String status) {
        return dsl.update(PAYMENTS).set(changes).set(PAYMENTS.VERSION, PAYMENTS.VERSION.plus(1)).set(PAYMENTS.UPDATED_AT, StoredTime.now())
                .where(PAYMENTS.ID.eq(paymentId)).and(PAYMENTS.STATUS.eq(status)).returning().fetchOptional();
    }

    /** Stores the changed payment with its version advanced. */
    public void save(PaymentsRecord payment) {
        payment.setVersion(payment.getVersion() + 1);
        payment.setUpdatedAt(StoredTime.now());
        payment.update();
    }

    public RefundsRecord addRefund(UUID paymentId, long amountMinor, String reason, String providerReference) {
        RefundsRecord refund = dsl.newRecord(REFUNDS);
        refund.setId(UUID.randomUUID());
        refund.setPaymentId(paymentId);
        refund.setAmountMinor(amountMinor);
        refund.setReason(reason);
        refund.setProviderReference(providerReference);
        refund.setCreatedAt(StoredTime.now());
        refund.insert();
        return refund;
    }

    public List<RefundsRecord> refundsOf(UUID paymentId) {
        return dsl.selectFrom(REFUNDS).where(REFUNDS.PAYMENT_ID.eq(paymentId)).orderBy(REFUNDS.CREATED_AT).fetch();
    }

    /** Records a webhook event id; false when it was recorded before (a replay). */
    public boolean firstReceipt(String eventId) {
        return dsl.insertInto(WEBHOOK_RECEIPTS).set(WEBHOOK_RECEIPTS.EVENT_ID, eventId).onConflictDoNothing().execute() == 1;
    }
}
