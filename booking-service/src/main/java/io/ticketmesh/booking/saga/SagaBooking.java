package io.ticketmesh.booking.saga;

import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.proto.payment.v1.Card;
import java.util.Optional;
import java.util.UUID;

/**
 * The booking a saga step works on. The card is only in memory, in the process that took the request: it is
 * never stored, so a saga resumed elsewhere finds its payment through payment-service instead. What a step
 * learns (the payment id, the 3-D Secure URL) is written with the step's outcome.
 */
public final class SagaBooking {
    private final BookingsRecord booking;
    private final Card card;
    private UUID paymentId;
    private String nextActionUrl;

    public SagaBooking(BookingsRecord booking, Card card) {
        this.booking = booking;
        this.card = card;
        this.paymentId = booking.getPaymentId();
    }

    public BookingsRecord booking() {
        return booking;
    }

    public UUID id() {
        return booking.getId();
    }

    public Optional<Card> card() {
        return Optional.ofNullable(card);
    }

    public Optional<UUID> paymentId() {
        return Optional.ofNullable(paymentId);
    }

    public void paymentId(UUID paymentId) {
        this.paymentId = paymentId;
    }

    public String nextActionUrl() {
        return nextActionUrl;
    }

    public void nextActionUrl(String url) {
        this.nextActionUrl = url;
    }

    /** A request id unique to this booking and step, so a participant does each step once however often it is asked. */
    public String requestId(String step) {
        return booking.getId() + "/" + step;
    }
}
