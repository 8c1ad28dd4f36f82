package io.ticketmesh.booking.booking;

import com.google.protobuf.Timestamp;
import io.ticketmesh.booking.domain.Pricing;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingItemsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.SagaStepsRecord;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingItem;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.BookingTotals;
import io.ticketmesh.proto.booking.v1.BoxOfficePayment;
import io.ticketmesh.proto.booking.v1.BoxOfficeSale;
import io.ticketmesh.proto.booking.v1.SagaStep;
import io.ticketmesh.proto.booking.v1.StepOutcome;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.payment.v1.Payment;
import io.ticketmesh.proto.ticket.v1.Ticket;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Booking rows as the contract's messages. */
public final class BookingProtos {
    private static final String BOX_OFFICE_PAYMENT = "BOX_OFFICE_PAYMENT_";

    private BookingProtos() {}

    public static Booking booking(BookingsRecord row, List<BookingItemsRecord> items, List<SagaStepsRecord> steps, Payment payment,
                                  List<Ticket> tickets) {
        String currency = row.getCurrency();
        Booking.Builder booking = Booking.newBuilder()
                .setBookingId(row.getId().toString())
                .setReference(row.getReference())
                .setUserId(row.getUserId())
                .setShowtimeId(row.getShowtimeId().toString())
                .setOrganizationId(row.getOrganizationId().toString())
                .setHoldId(row.getHoldId().toString())
                .setStatus(BookingStatus.valueOf("BOOKING_STATUS_" + row.getStatus()))
                .setTotals(totals(new Pricing.Totals(row.getSubtotalMinor(), row.getDiscountMinor(), row.getFeesMinor(), row.getTaxesMinor()),
                        row.getRefundedMinor(), row.getWithheldMinor(), currency))
                .setCreatedAt(StoredTime.timestamp(row.getCreatedAt()))
                .setUpdatedAt(StoredTime.timestamp(row.getUpdatedAt()))
                .setVersion(row.getVersion());
        items.forEach(item -> booking.addItems(BookingItem.newBuilder().setItemId(item.getId().toString())
                .setSeatId(item.getSeatId().toString()).setSection(item.getSection()).setRow(item.getRowLabel())
                .setSeatLabel(item.getSeatLabel()).setTier(item.getTier()).setPrice(money(item.getPriceMinor(), currency))
                .setDiscount(money(item.getDiscountMinor(), currency)).setCancelled(item.getCancelled())));
        steps.forEach(step -> {
            SagaStep.Builder entry = SagaStep.newBuilder().setName(step.getName())
                    .setOutcome(StepOutcome.valueOf("STEP_OUTCOME_" + step.getOutcome()))
                    .setStartedAt(StoredTime.timestamp(step.getStartedAt()))
                    .setDetail(step.getDetail()).setAttempts(step.getAttempts());
            if (step.getFinishedAt() != null) {
                entry.setFinishedAt(StoredTime.timestamp(step.getFinishedAt()));
            }
            booking.addTimeline(entry);
        });
        if (row.getPromoCode() != null) {
            booking.setPromoCode(row.getPromoCode());
        }
        if (row.getBoxOfficePayment() != null) {
            booking.setBoxOffice(BoxOfficeSale.newBuilder()
                    .setPayment(boxOfficePayment(row.getBoxOfficePayment()))
                    .setCustomerName(row.getCustomerName()).setCustomerEmail(row.getCustomerEmail()));
        }
        if (row.getFailureCode() != null) {
            booking.setFailureCode(row.getFailureCode()).setFailureMessage(row.getFailureMessage());
        }
        if (row.getStatus().equals("REQUIRES_ACTION") && row.getNextActionUrl() != null) {
            booking.setNextActionUrl(row.getNextActionUrl());
        }
        if (payment != null) {
            booking.setPayment(payment);
        }
        // tickets in the order of the items they are for, however they were read
        Map<String, Integer> itemOrder = new HashMap<>();
        items.forEach(item -> itemOrder.putIfAbsent(item.getSeatId().toString(), itemOrder.size()));
        tickets.stream().sorted(Comparator.comparingInt(t -> itemOrder.getOrDefault(t.getSeatId(), Integer.MAX_VALUE)))
                .forEach(booking::addTickets);
        return booking.build();
    }

    /** What a booking costs, has refunded and has withheld under the refund policy, as the contract gives it. */
    static BookingTotals totals(Pricing.Totals totals, long refundedMinor, long withheldMinor, String currency) {
        return BookingTotals.newBuilder().setSubtotal(money(totals.subtotal(), currency)).setDiscount(money(totals.discount(), currency))
                .setFees(money(totals.fees(), currency)).setTaxes(money(totals.taxes(), currency)).setTotal(money(totals.total(), currency))
                .setRefunded(money(refundedMinor, currency)).setWithheld(money(withheldMinor, currency)).build();
    }

    static Money money(long amountMinor, String currency) {
        return Money.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build();
    }

    static Timestamp timestamp(Instant time) {
        return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
    }

    /** A box office payment as the bookings table keeps it: CASH, CARD_TERMINAL. */
    static String column(BoxOfficePayment payment) {
        return payment.name().substring(BOX_OFFICE_PAYMENT.length());
    }

    /** The box office payment a bookings row names. */
    static BoxOfficePayment boxOfficePayment(String column) {
        return BoxOfficePayment.valueOf(BOX_OFFICE_PAYMENT + column);
    }
}
