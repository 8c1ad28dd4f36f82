package io.ticketmesh.booking.saga;

import io.ticketmesh.booking.booking.BookingEvents;
import io.ticketmesh.booking.booking.BookingProtos;
import io.ticketmesh.booking.config.BookingProperties;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.SagaStepRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.SagaStepsRecord;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.ticket.v1.Ticket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The saga's state, written after every step, each change in its own transaction with the event it causes. */
@Component
public class SagaStore {
    /** The longest one step can take: two participant calls at their timeout (10 s). */
    static final Duration STEP_BUDGET = Duration.ofSeconds(20);
    /** This process, as the owner of the sagas it runs. */
    private final String owner = "booking-service/" + UUID.randomUUID();
    private final BookingRepository bookings;
    private final SagaStepRepository steps;
    private final BookingEvents events;
    private final BookingProperties properties;

    public SagaStore(BookingRepository bookings, SagaStepRepository steps, BookingEvents events, BookingProperties properties) {
        this.bookings = bookings;
        this.steps = steps;
        this.events = events;
        this.properties = properties;
    }

    public record State(BookingsRecord booking, List<SagaStepsRecord> steps) {
        SagaStepsRecord step(int position) {
            return steps.stream().filter(s -> s.getPosition() == position).findFirst().orElse(null);
        }

        /** The first of {@code count} steps that has not succeeded; {@code count} when all have. */
        int firstUnfinished(int count) {
            int position = 0;
            while (position < count && step(position) != null && step(position).getOutcome().equals("SUCCEEDED")) {
                position++;
            }
            return position;
        }
    }

    /** A booking being created is leased to this process, which runs its saga at once with the card in hand. */
    public void leaseNew(BookingsRecord booking) {
        booking.setLeaseOwner(owner);
        booking.setLeaseUntil(lease());
    }

    public boolean claim(UUID bookingId) {
        return bookings.claim(bookingId, owner, lease());
    }

    public void release(UUID bookingId, OffsetDateTime dueAt) {
        bookings.release(bookingId, owner, dueAt);
    }

    @Transactional(readOnly = true)
    public State load(UUID bookingId) {
        return new State(bookings.find(bookingId).orElseThrow(), steps.of(bookingId));
    }

    /** A new booking's saga, in the transaction that writes it leased: its first step done, the second started. */
    public void begin(UUID bookingId, String doneName, String doneDetail, String nextName) {
        steps.begin(bookingId, doneName, doneDetail, nextName);
    }

    /**
     * A step starts, with at least {@link #STEP_BUDGET} of the lease left: renewed when less is. Each renewal is an
     * update of the booking row and all its indexes, so a saga that runs within its first lease writes none.
     */
    @Transactional
    public void started(BookingsRecord booking, int position, String name) {
        steps.started(booking.getId(), position, name);
        keepLeaseForAStep(booking);
    }

    private void keepLeaseForAStep(BookingsRecord booking) {
        if (booking.getLeaseUntil() == null || booking.getLeaseUntil().isBefore(OffsetDateTime.now().plus(STEP_BUDGET))) {
            OffsetDateTime until = lease();
            bookings.claim(booking.getId(), owner, until);
            booking.setLeaseUntil(until);
        }
    }

    /**
     * The step succeeded and the next one starts: one statement of the log, in one transaction (the last step's
     * success goes with the confirmation, {@link #succeededLast}). The booking row is
     * written only when the step changed it (a payment id learnt, a 3-D Secure challenge passed).
     */
    @Transactional
    public void succeeded(SagaBooking saga, int position, String detail, SagaStep next) {
        steps.succeededThenStarted(saga.id(), position, detail, next.name());
        if (saga.rowOutdated()) {
            bookings.stepSucceeded(saga.id(), saga.paymentId().orElse(null));
            saga.rowWritten();
        }
        keepLeaseForAStep(saga.booking());
    }

    @Transactional
    public void waiting(SagaBooking saga, int position, String detail) {
        steps.finished(saga.id(), position, "WAITING", detail);
        BookingsRecord booking = locked(saga);
        booking.setStatus("REQUIRES_ACTION");
        booking.setNextActionUrl(saga.nextActionUrl());
        booking.setSagaState("WAITING");
        bookings.save(booking);
    }

    /** Wakes a saga waiting for 3-D Secure; false when it was not waiting. */
    public boolean wake(UUID bookingId) {
        return !wakeAll(List.of(bookingId)).isEmpty();
    }

    /**
     * Wakes those of the sagas that wait for 3-D Secure; answers which. One conditional update: every payment event
     * asks, and most bookings are not waiting (their saga is running or done), so they are not locked and read first.
     */
    @Transactional
    public List<UUID> wakeAll(Collection<UUID> bookingIds) {
        return bookings.wakeWaiting(bookingIds);
    }

    @Transactional
    public void failed(SagaBooking saga, int position, StepResult.Failed failure) {
        steps.finished(saga.id(), position, "FAILED", failure.message());
        BookingsRecord booking = locked(saga);
        booking.setSagaState("COMPENSATING");
        booking.setFailureCode(failure.code());
        booking.setFailureMessage(failure.message());
        booking.setNextActionUrl(null);
        bookings.save(booking);
    }

    /** The step stays STARTED and is tried again once the saga is due. */
    @Transactional
    public void retrying(UUID bookingId, int position, String why) {
        steps.finished(bookingId, position, "STARTED", "will retry: " + why);
    }

    @Transactional
    public void compensated(UUID bookingId, int position, String detail) {
        steps.finished(bookingId, position, "COMPENSATED", detail);
    }

    /** The last step succeeded: the booking is confirmed in the same transaction (see {@link #confirm}). */
    @Transactional
    public Booking succeededLast(SagaBooking saga, int position, String detail, List<Ticket> tickets) {
        return confirmed(saga, steps.succeededLast(saga.id(), position, detail), tickets);
    }

    /**
     * The booking is confirmed, with its event, and its lease let go (a finished saga is never due again); answers it
     * as the event carries it (without the payment).
     */
    @Transactional
    public Booking confirm(SagaBooking saga, List<Ticket> tickets) {
        return confirmed(saga, steps.of(saga.id()), tickets);
    }

    private Booking confirmed(SagaBooking saga, List<SagaStepsRecord> timeline, List<Ticket> tickets) {
        BookingsRecord booking = bookings.confirm(saga.id(), saga.paymentId().orElse(null));
        saga.rowWritten();
        Booking confirmed = BookingProtos.booking(booking, saga.items().orElseGet(() -> bookings.items(saga.id())), timeline, null, tickets);
        events.confirmed(booking, confirmed);
        return confirmed;
    }

    @Transactional
    public void fail(UUID bookingId) {
        BookingsRecord booking = bookings.findForUpdate(bookingId).orElseThrow();
        booking.setStatus("FAILED");
        booking.setSagaState("DONE");
        bookings.save(booking);
        events.failed(booking, BookingProtos.booking(booking, bookings.items(bookingId), steps.of(bookingId), null, List.of()));
    }

    private BookingsRecord locked(SagaBooking saga) {
        BookingsRecord booking = bookings.findForUpdate(saga.id()).orElseThrow();
        saga.paymentId().ifPresent(booking::setPaymentId);
        return booking;
    }

    private OffsetDateTime lease() {
        return OffsetDateTime.now().plus(properties.lease());
    }
}
