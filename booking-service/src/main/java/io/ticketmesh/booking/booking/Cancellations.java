package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.InventoryClient;
import io.ticketmesh.booking.client.PaymentClient;
import io.ticketmesh.booking.client.TicketClient;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingItemsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.CancellationsRecord;
import io.ticketmesh.booking.saga.SagaBooking;
import io.ticketmesh.booking.saga.StepResult;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.ErrorReasons;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.CancelBookingResponse;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CancelBooking, and the organizer cancelling a whole showtime. A cancellation is written first (PENDING, with
 * its seats and refund fixed), then carried out: void the seats' tickets, free the seats, refund, mark the items
 * cancelled and announce BookingCancelled. A customer's own cancellation is refused once the organizer's refunds for
 * customers ended ({@link CustomerRefunds}), and voids only tickets they still hold and did not use: one naming a seat
 * whose ticket they gave away or was admitted at the door is refused before it is written (ticket-service checks the
 * void, naming the seats), and one whose seat was given away after that check, or asked while ticket-service could
 * not check it (recorded then, at the terms of that moment), is refused by ticket-service at its first step and kept
 * REFUSED, nothing done. An organizer's refund without cancelling seats ({@link PartialRefunds}) is carried out as a
 * cancellation of no seats. Each call is idempotent by the cancellation's id, so a cancellation interrupted anywhere
 * is finished by {@link #finishPending()}.
 */
@Service
public class Cancellations {
    private static final Logger log = LoggerFactory.getLogger(Cancellations.class);
    /** The request id of the refund an organizer's showtime cancellation gives each booking. */
    private static final String SHOWTIME_CANCELLED = "showtime-cancelled";
    private static final int BATCH = 50;
    private static final String INVALID_STATE = ErrorReasons.wireName(ErrorReason.ERROR_REASON_INVALID_STATE);
    private final BookingRepository bookings;
    private final BookingReader reader;
    private final BookingEvents events;
    private final TicketClient tickets;
    private final InventoryClient inventory;
    private final PaymentClient payments;
    private final CustomerRefunds refunds;
    private final SeatRefunds seatRefunds;
    private final TransactionTemplate transaction;

    public Cancellations(BookingRepository bookings, BookingReader reader, BookingEvents events, TicketClient tickets,
                         InventoryClient inventory, PaymentClient payments, CustomerRefunds refunds, SeatRefunds seatRefunds,
                         TransactionTemplate transaction) {
        this.bookings = bookings;
        this.reader = reader;
        this.events = events;
        this.tickets = tickets;
        this.inventory = inventory;
        this.payments = payments;
        this.refunds = refunds;
        this.seatRefunds = seatRefunds;
        this.transaction = transaction;
    }

    public CancelBookingResponse cancel(CancelBookingRequest request) {
        Caller caller = CallerContext.authenticated();
        BookingsRecord booking = reader.readable(request.getBookingId(), caller);
        boolean byCustomer = BookingReader.actsAsCustomer(booking, caller);
        boolean newByCustomer = byCustomer && bookings.cancellation(booking.getId(), request.getRequestId()).isEmpty();
        int percent = newByCustomer ? refunds.now(booking).percent() : CustomerRefunds.FULL;
        if (newByCustomer) {
            // refused before anything is written when a seat's ticket is no longer the customer's to give back; while
            // ticket-service cannot say, recorded at today's terms and left to the void's own check
            tickets.refuseIfNotTheCustomers(booking.getId(), booking.getUserId(),
                    seatRefunds.of(booking, request.getSeatIdsList(), percent).seatIds());
        }
        CancellationsRecord cancellation = transaction.execute(status -> bookings.cancellation(booking.getId(), request.getRequestId())
                .orElseGet(() -> open(booking.getId(), request.getRequestId(), request.getSeatIdsList(), request.getReason(), byCustomer,
                        caller.isService() ? null : caller.userId(), percent)));
        carryOut(cancellation);
        BookingsRecord now = bookings.find(booking.getId()).orElseThrow();
        return CancelBookingResponse.newBuilder().setBooking(reader.view(now, true))
                .setRefunded(BookingProtos.money(cancellation.getRefundMinor(), now.getCurrency()))
                .setWithheld(BookingProtos.money(cancellation.getWithheldMinor(), now.getCurrency()))
                .setRefundPercent(cancellation.getRefundPercent()).build();
    }

    /**
     * The organizer cancelled the showtime. Only recorded here (in the event's inbox transaction); the sweep below
     * refunds its bookings, including those whose saga was still running and confirms later.
     */
    public void showtimeCancelled(UUID showtimeId) {
        bookings.showtimeCancelled(showtimeId);
    }

    /** Opens a full refund of every standing seat for kept bookings of cancelled showtimes, a batch at a time. */
    @Scheduled(fixedDelayString = "${ticketmesh.bookings.recovery-interval}")
    public void refundCancelledShowtimes() {
        for (UUID bookingId : bookings.unrefundedOfCancelledShowtimes(SHOWTIME_CANCELLED, BATCH)) {
            try {
                transaction.execute(status -> open(bookingId, SHOWTIME_CANCELLED, List.of(), "the showtime was cancelled", false, null,
                        CustomerRefunds.FULL));
            } catch (DomainException busy) {
                // a customer's cancellation of it is in progress: the next sweep refunds what it leaves
            }
        }
    }

    /** Carries out cancellations that their request did not finish (a crash) or that a sweep opened, several at once. */
    @Scheduled(fixedDelayString = "${ticketmesh.bookings.recovery-interval}")
    public void finishPending() {
        List<CancellationsRecord> pending = bookings.pendingCancellations(OffsetDateTime.now().minusSeconds(2), BATCH);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (CancellationsRecord cancellation : pending) {
                workers.submit(() -> carryOutQuietly(cancellation));
            }
        }
    }

    private void carryOutQuietly(CancellationsRecord cancellation) {
        try {
            carryOut(cancellation);
        } catch (RuntimeException e) {
            log.warn("cancellation {} of booking {} not finished yet: {}", cancellation.getId(), cancellation.getBookingId(), e.getMessage());
        }
    }

    /**
     * Fixes what is cancelled and refunded, under the booking's lock so two cancellations never count a seat twice:
     * {@code percent} of what the seats refund ({@link SeatRefunds}), the rest withheld. {@code cancelledBy}: the
     * person who asked (at the box office, the staff member handing the money back), else null.
     */
    private CancellationsRecord open(UUID bookingId, String requestId, List<String> seatIds, String reason, boolean byCustomer,
                                     String cancelledBy, int percent) {
        BookingsRecord booking = lockKept(bookingId, "cancelled");
        SeatRefunds.Refund refund = seatRefunds.of(booking, seatIds, percent);
        CancellationsRecord cancellation = newCancellation(booking, requestId, reason, cancelledBy);
        cancellation.setSeatIds(refund.seats().stream().map(BookingItemsRecord::getSeatId).toArray(UUID[]::new));
        cancellation.setRefundMinor(refund.refund());
        cancellation.setWithheldMinor(refund.withheld());
        cancellation.setRefundPercent(refund.percent());
        cancellation.setByCustomer(byCustomer);
        cancellation.insert();
        return cancellation;
    }

    /**
     * Opens an organizer's refund of {@code amount} without cancelling a seat (RefundBooking), under the booking's lock
     * so that it and any cancellation never refund more than was paid between them.
     */
    CancellationsRecord openGoodwill(UUID bookingId, String requestId, long amount, String reason, String refundedBy) {
        BookingsRecord booking = lockKept(bookingId, "refunded in part");
        long left = booking.getTotalMinor() - SeatRefunds.settled(booking);
        if (amount > left) {
            throw DomainException.invalid("amount", "is more than is left of what was paid (" + left + " minor units)");
        }
        CancellationsRecord refund = newCancellation(booking, requestId, reason, refundedBy);
        refund.setSeatIds(new UUID[0]);
        refund.setRefundMinor(amount);
        refund.setByCustomer(false);
        refund.setGoodwill(true);
        refund.insert();
        return refund;
    }

    /**
     * The booking, locked, when it is kept (CONFIRMED, PARTIALLY_CANCELLED) and no other cancellation of it is under
     * way; BOOKING_NOT_CANCELLABLE saying it cannot be {@code done} otherwise, INVALID_STATE while another is.
     */
    private BookingsRecord lockKept(UUID bookingId, String done) {
        BookingsRecord booking = bookings.findForUpdate(bookingId).orElseThrow();
        SeatRefunds.requireKept(booking, done);
        if (bookings.hasPendingCancellation(bookingId)) {
            throw new DomainException(FailureKind.ABORTED, ErrorReason.ERROR_REASON_INVALID_STATE, "another cancellation of this booking is in progress");
        }
        return booking;
    }

    private CancellationsRecord newCancellation(BookingsRecord booking, String requestId, String reason, String cancelledBy) {
        CancellationsRecord cancellation = bookings.newCancellation();
        cancellation.setId(UUID.randomUUID());
        cancellation.setBookingId(booking.getId());
        cancellation.setRequestId(requestId);
        cancellation.setReason(reason);
        cancellation.setState("PENDING");
        cancellation.setGoodwill(false);
        cancellation.setWithheldMinor(0L);
        cancellation.setRefundPercent(CustomerRefunds.FULL);
        cancellation.setCancelledBy(cancelledBy);
        if (booking.getBoxOfficePayment() != null && cancelledBy != null) {
            // at the counter: the staff member hands the refund back as they cancel
            cancellation.setHandedBackBy(cancelledBy);
            cancellation.setHandedBackAt(StoredTime.now());
        }
        return cancellation;
    }

    /**
     * Carries the cancellation out, step by step, each idempotent: voids its seats' tickets and frees them (an
     * organizer's refund without seats skips both), refunds, then marks it done with the booking.
     */
    void carryOut(CancellationsRecord cancellation) {
        if (cancellation.getState().equals("DONE")) {
            return;
        }
        if (cancellation.getState().equals("REFUSED")) {
            throw refusal(cancellation.getRefusal(), cancellation.getRefusedSeatIds());
        }
        BookingsRecord booking = bookings.find(cancellation.getBookingId()).orElseThrow();
        SagaBooking saga = new SagaBooking(booking, null);
        List<String> seatIds = Arrays.stream(cancellation.getSeatIds()).map(UUID::toString).toList();
        String step = "cancel/" + cancellation.getId();
        if (!cancellation.getGoodwill()) {
            StepResult voided = tickets.voidSeats(saga, step + "/void", seatIds, cancellation.getByCustomer());
            if (cancellation.getByCustomer() && voided instanceof StepResult.Failed failed && failed.code().equals(INVALID_STATE)) {
                refuse(cancellation, failed);
            }
            require(() -> voided);
            require(() -> inventory.releaseSeats(saga, step + "/release", seatIds));
        }
        require(() -> payments.refund(saga, step + "/refund", BookingProtos.money(cancellation.getRefundMinor(), booking.getCurrency()),
                cancellation.getReason()));
        transaction.executeWithoutResult(status -> {
            CancellationsRecord current = bookings.cancellation(cancellation.getBookingId(), cancellation.getRequestId()).orElseThrow();
            if (current.getState().equals("DONE")) {
                return;
            }
            BookingsRecord locked = bookings.findForUpdate(booking.getId()).orElseThrow();
            locked.setRefundedMinor(locked.getRefundedMinor() + cancellation.getRefundMinor());
            locked.setWithheldMinor(locked.getWithheldMinor() + cancellation.getWithheldMinor());
            if (!cancellation.getGoodwill()) {
                bookings.cancelItems(locked.getId(), List.of(cancellation.getSeatIds()));
                boolean anyLeft = bookings.items(locked.getId()).stream().anyMatch(i -> !i.getCancelled());
                locked.setStatus(anyLeft ? "PARTIALLY_CANCELLED" : "CANCELLED");
            }
            bookings.save(locked);
            current.setState("DONE");
            current.update();
            cancellation.setState("DONE");
            var refunded = BookingProtos.money(cancellation.getRefundMinor(), locked.getCurrency());
            if (cancellation.getGoodwill()) {
                events.refunded(locked, reader.view(locked, false), refunded, cancellation.getReason());
            } else {
                events.cancelled(locked, reader.view(locked, false), seatIds, refunded,
                        BookingProtos.money(cancellation.getWithheldMinor(), locked.getCurrency()), cancellation.getRefundPercent());
            }
        });
    }

    /**
     * A customer's cancellation whose seats include one whose ticket they gave away: ticket-service voided nothing, so
     * nothing is done; it is kept REFUSED with the seats it named (a retry answers the same) and the caller told why.
     */
    private void refuse(CancellationsRecord cancellation, StepResult.Failed voidRefused) {
        UUID[] seatIds = ErrorDetail.SEAT_IDS.itemsIn(voidRefused.metadata()).stream().map(UUID::fromString).toArray(UUID[]::new);
        transaction.executeWithoutResult(status -> bookings.refuse(cancellation.getId(), voidRefused.message(), seatIds));
        throw refusal(voidRefused.message(), seatIds);
    }

    /** INVALID_STATE with why, naming the seats (metadata {@code seat_ids}) when they are known. */
    private static DomainException refusal(String why, UUID[] seatIds) {
        DomainException refused = DomainException.invalidState(why);
        if (seatIds != null && seatIds.length > 0) {
            refused.with(ErrorDetail.SEAT_IDS, Arrays.asList(seatIds));
        }
        return refused;
    }

    private static void require(Supplier<StepResult> step) {
        StepResult result = step.get();
        if (result instanceof StepResult.Retry retry) {
            throw new DomainException(FailureKind.UNAVAILABLE, ErrorReason.ERROR_REASON_DEPENDENCY_UNAVAILABLE,
                    "the cancellation is recorded and will finish shortly: " + retry.message());
        }
        if (result instanceof StepResult.Failed failed) {
            throw new IllegalStateException("cancellation step refused: " + failed.code() + " " + failed.message());
        }
    }
}
