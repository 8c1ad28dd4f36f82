package io.ticketmesh.booking.saga;

import io.ticketmesh.booking.persistence.jooq.tables.records.BookingItemsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.proto.payment.v1.Card;
import io.ticketmesh.proto.payment.v1.Payment;
import io.ticketmesh.proto.ticket.v1.Ticket;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The booking a saga step works on. The card is only in memory, in the process that took the request: it is
 * never stored, so a saga resumed elsewhere finds its payment through payment-service instead. What a step
 * learns (the payment id, the 3-D Secure URL) is written with the step's outcome; the payment and the tickets
 * issued are kept for the booking's confirmation (a saga resumed after its tickets were issued asks for them), as
 * are the items of a booking this process has just written (a resumed saga reads them).
 */
public final class SagaBooking {
    private final BookingsRecord booking;
    private final Card card;
    private UUID paymentId;
    private UUID storedPaymentId;
    private boolean storedAwaitingAction;
    private String nextActionUrl;
    private Payment payment;
    private List<Ticket> tickets;
    private List<BookingItemsRecord> items;

    public SagaBooking(BookingsRecord booking, Card card) {
        this.booking = booking;
        this.card = card;
        this.paymentId = booking.getPaymentId();
        this.storedPaymentId = paymentId;
        this.storedAwaitingAction = booking.getStatus().equals("REQUIRES_ACTION");
    }

    public BookingsRecord booking() {
        return booking;
    }

    public UUID id() {
        return booking.getId();
    }

    /** How the buyer paid at the box office ("cash", "card terminal"); empty for a booking made online. */
    public Optional<String> paidAtBoxOffice() {
        return Optional.ofNullable(booking.getBoxOfficePayment()).map(payment -> payment.toLowerCase().replace('_', ' '));
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

    /** The payment as payment-service last answered this saga about it. */
    public Optional<Payment> payment() {
        return Optional.ofNullable(payment);
    }

    public void payment(Payment payment) {
        this.payment = payment;
        this.paymentId = UUID.fromString(payment.getPaymentId());
    }

    public String nextActionUrl() {
        return nextActionUrl;
    }

    public void nextActionUrl(String url) {
        this.nextActionUrl = url;
    }

    public Optional<List<Ticket>> tickets() {
        return Optional.ofNullable(tickets);
    }

    public void tickets(List<Ticket> issued) {
        this.tickets = List.copyOf(issued);
    }

    /** The booking's items as written, in their order, when this process wrote them. */
    public Optional<List<BookingItemsRecord>> items() {
        return Optional.ofNullable(items);
    }

    public void items(List<BookingItemsRecord> written) {
        this.items = List.copyOf(written);
    }

    /** Whether the booking row must change with a step's success: a payment id learnt, or a challenge passed. */
    boolean rowOutdated() {
        return storedAwaitingAction || !Objects.equals(paymentId, storedPaymentId);
    }

    /** The booking row now has what this saga learnt. */
    void rowWritten() {
        storedPaymentId = paymentId;
        storedAwaitingAction = false;
    }

    /** A request id unique to this booking and step, so a participant does each step once however often it is asked. */
    public String requestId(String step) {
        return booking.getId() + "/" + step;
    }
}
