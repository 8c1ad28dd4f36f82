package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.persistence.RefundPolicyRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.RefundPoliciesRecord;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.CustomerRefundStep;
import io.ticketmesh.proto.event.v1.Showtime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The organizer's refund policy for customers: a customer may cancel their own booking for a refund until the
 * showtime's {@code customer_refunds_end}, or its start when it has none, and is refunded the percent of the step of
 * its {@code customer_refund_steps} reached nearest the show (all of it before any is reached). They are held to the
 * policy in force when they booked ({@link RefundPolicyRepository}) or to the one event-service has now, whichever is
 * kinder to them: an organizer may loosen a policy for everyone but tighten it only for bookings made afterwards. A
 * booking whose showtime the organizer moved after it was made is refunded in full until the new start whatever the
 * policy (its customer bought another date). The organizer may cancel at any time, refunding in full.
 */
@Component
class CustomerRefunds {
    static final int FULL = 100;
    private final CatalogClient catalog;
    private final ShowtimeMoves moves;
    private final RefundPolicyRepository policies;
    private final Clock clock = Clock.systemUTC();

    CustomerRefunds(CatalogClient catalog, ShowtimeMoves moves, RefundPolicyRepository policies) {
        this.catalog = catalog;
        this.moves = moves;
        this.policies = policies;
    }

    /** The percent of its refund a customer gets, and until when that holds (the next step reached, or the end). */
    record Share(int percent, Instant until) {}

    /**
     * What the booking's customer gets if they cancel now; FAILED_PRECONDITION (BOOKING_NOT_CANCELLABLE, with the end
     * in metadata) once customers may no longer cancel it.
     */
    Share now(BookingsRecord booking) {
        Showtime current = catalog.showtime(booking.getShowtimeId().toString());
        Instant now = clock.instant();
        List<Showtime> terms = new ArrayList<>();
        if (moves.movedSince(booking)) {
            // bought for another time: in full until the new start, whatever the policy
            terms.add(current.toBuilder().clearCustomerRefundsEnd().clearCustomerRefundSteps().build());
        } else {
            terms.add(current);
            policies.inForceAt(booking.getShowtimeId(), booking.getCreatedAt()).map(booked -> asBooked(current, booked)).ifPresent(terms::add);
        }
        List<Showtime> open = terms.stream().filter(term -> now.isBefore(end(term))).toList();
        if (open.isEmpty()) {
            Showtime last = terms.stream().max(Comparator.comparing(CustomerRefunds::end)).orElseThrow();
            Instant ends = end(last);
            throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_BOOKING_NOT_CANCELLABLE,
                    (ends.isBefore(instant(last.getStartsAt())) ? "the organizer's refunds for customers ended at " : "the show started at ")
                            + ends + "; only the organizer can cancel this booking now")
                    .with(ErrorDetail.CUSTOMER_REFUNDS_END, ends.toString());
        }
        return new Share(open.stream().mapToInt(term -> percentAt(term, now)).max().orElseThrow(),
                open.stream().map(term -> nextChange(term, now)).min(Comparator.naturalOrder()).orElseThrow());
    }

    /** When the terms give another share next: the first step reached after {@code now}, else their end. */
    private static Instant nextChange(Showtime terms, Instant now) {
        Instant startsAt = instant(terms.getStartsAt());
        Instant next = end(terms);
        for (CustomerRefundStep step : terms.getCustomerRefundStepsList()) {
            Instant reached = startsAt.minusSeconds(step.getBeforeStart().getSeconds());
            if (reached.isAfter(now) && reached.isBefore(next)) {
                next = reached;
            }
        }
        return next;
    }

    /** The showtime as it is, under the policy it had when the booking was made. */
    private static Showtime asBooked(Showtime current, RefundPoliciesRecord booked) {
        Showtime.Builder terms = current.toBuilder().clearCustomerRefundsEnd().clearCustomerRefundSteps();
        if (booked.getRefundsEnd() != null) {
            terms.setCustomerRefundsEnd(StoredTime.timestamp(booked.getRefundsEnd()));
        }
        for (int i = 0; i < booked.getStepSeconds().length; i++) {
            terms.addCustomerRefundSteps(CustomerRefundStep.newBuilder().setPercent(booked.getStepPercents()[i])
                    .setBeforeStart(com.google.protobuf.Duration.newBuilder().setSeconds(booked.getStepSeconds()[i])));
        }
        return terms.build();
    }

    /** Until when the terms let customers cancel: their refunds' end, else the show's start (never later). */
    private static Instant end(Showtime terms) {
        Instant start = instant(terms.getStartsAt());
        return terms.hasCustomerRefundsEnd() && instant(terms.getCustomerRefundsEnd()).isBefore(start)
                ? instant(terms.getCustomerRefundsEnd()) : start;
    }

    /** The percent of the step reached at {@code now} nearest the show, all of it before any is reached. */
    static int percentAt(Showtime showtime, Instant now) {
        Instant startsAt = instant(showtime.getStartsAt());
        long nearest = Long.MAX_VALUE;
        int percent = FULL;
        for (CustomerRefundStep step : showtime.getCustomerRefundStepsList()) {
            long before = step.getBeforeStart().getSeconds();
            if (before < nearest && !now.isBefore(startsAt.minusSeconds(before))) {
                nearest = before;
                percent = step.getPercent();
            }
        }
        return percent;
    }

    private static Instant instant(com.google.protobuf.Timestamp time) {
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }
}
