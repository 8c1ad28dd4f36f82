package io.ticketmesh.booking.saga;

import io.ticketmesh.booking.client.TicketClient;
import io.ticketmesh.booking.config.BookingProperties;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingItemsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.SagaStepsRecord;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.payment.v1.Card;
import io.ticketmesh.proto.ticket.v1.Ticket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Drives a booking's saga from wherever its log says it stands: the next step forward, or the compensations
 * of everything done, in reverse. Each step's outcome is written before the next begins, so a process that dies
 * anywhere leaves a log another process (or this one, restarted) continues from; every participant call is
 * idempotent by a request id derived from booking and step, so repeating the step in flight is harmless.
 */
@Service
public class SagaRunner {
    private static final Logger log = LoggerFactory.getLogger(SagaRunner.class);
    private static final Set<String> TO_UNDO = Set.of("SUCCEEDED", "WAITING", "STARTED");
    /** The step a new booking's saga starts with: pricing is done as the booking is written. */
    private static final int FIRST_STEP_RUN = 1;
    private final BookingSaga saga;
    private final SagaStore store;
    private final TicketClient tickets;
    private final CardsInFlight cards;
    private final Duration retryAtMost;
    /** Fault injection for the crash tests: the process halts right after this step's outcome is written. */
    private final String haltAfter;

    public SagaRunner(BookingSaga saga, SagaStore store, TicketClient tickets, CardsInFlight cards, BookingProperties properties,
                      @Value("${ticketmesh.bookings.halt-after:}") String haltAfter) {
        this.saga = saga;
        this.store = store;
        this.tickets = tickets;
        this.cards = cards;
        this.retryAtMost = properties.retryAtMost();
        this.haltAfter = haltAfter;
    }

    /**
     * What one run of a saga came to: when it is due again (null: when it finished or waits for an outside event),
     * and whether it confirmed the booking, which lets the lease go with the same write; then the booking as its
     * customer sees it, when the payment was at hand (so the request needs not read it back).
     */
    private record Pass(OffsetDateTime dueAgain, boolean confirmed, Booking answer) {
        static final Pass NOTHING_DUE = new Pass(null, false, null);

        static Pass dueAt(OffsetDateTime time) {
            return new Pass(time, false, null);
        }

        static Pass confirmedAs(Booking answer) {
            return new Pass(null, true, answer);
        }
    }

    /**
     * Runs the saga as far as it goes now, unless another runner holds it. The card is known only to the request's
     * process. Answers the booking when this run confirmed it (so the request needs not read it back).
     */
    public Optional<Booking> run(UUID bookingId, Card card) {
        if (!store.claim(bookingId)) {
            return Optional.empty();
        }
        return whileLeased(bookingId, () -> drive(bookingId, card != null ? card : cards.find(bookingId)));
    }

    /**
     * In the transaction that writes a new booking, leased to this process: logs its pricing step done (as
     * {@code priced}) and starts the step that comes next, so that {@link #runNew} needs neither to claim the saga nor
     * to read it back.
     */
    public void startNew(UUID bookingId, String priced) {
        store.begin(bookingId, saga.steps().getFirst().name(), priced, saga.steps().get(FIRST_STEP_RUN).name());
    }

    /** Runs the saga of a booking this request has just written (with its items) and started with {@link #startNew}. */
    public Optional<Booking> runNew(BookingsRecord booking, List<BookingItemsRecord> items, Card card) {
        return whileLeased(booking.getId(), () -> {
            SagaBooking written = new SagaBooking(booking, card);
            written.items(items);
            Pass pass = forward(written, FIRST_STEP_RUN, 1, card);
            return pass != Pass.NOTHING_DUE ? pass : drive(booking.getId(), card);
        });
    }

    private Optional<Booking> whileLeased(UUID bookingId, Supplier<Pass> run) {
        Pass pass = Pass.NOTHING_DUE;
        try {
            pass = run.get();
        } catch (RuntimeException e) {
            log.error("saga of booking {} stopped; it is resumed shortly", bookingId, e);
            pass = Pass.dueAt(OffsetDateTime.now().plusSeconds(1));
        } finally {
            if (!pass.confirmed()) {
                store.release(bookingId, pass.dueAgain());
            }
        }
        return Optional.ofNullable(pass.answer());
    }

    private Pass drive(UUID bookingId, Card card) {
        SagaStore.State state = store.load(bookingId);
        if (state.booking().getSagaState().equals("WAITING") && store.wake(bookingId)) {
            // due while waiting: the challenge's outcome arrived, or its deadline passed
            state = store.load(bookingId);
        }
        while (true) {
            switch (state.booking().getSagaState()) {
                case "RUNNING" -> {
                    Pass pass = resume(state, card);
                    if (pass != Pass.NOTHING_DUE) {
                        return pass;
                    }
                }
                case "COMPENSATING" -> {
                    return Pass.dueAt(backward(state, card));
                }
                case "DONE", "WAITING" -> {
                    return Pass.NOTHING_DUE;
                }
                default -> throw new IllegalStateException("saga state " + state.booking().getSagaState());
            }
            state = store.load(bookingId);
        }
    }

    /** Starts the first step of a running saga that has not succeeded (again), and goes forward from there. */
    private Pass resume(SagaStore.State state, Card card) {
        int position = state.firstUnfinished(saga.steps().size());
        SagaStepsRecord before = state.step(position);
        if (position < saga.steps().size()) {
            store.started(state.booking(), position, saga.steps().get(position).name());
        }
        return forward(new SagaBooking(state.booking(), card), position, before == null ? 1 : before.getAttempts(), card);
    }

    /**
     * Runs the steps from {@code position} (already started) for as long as they succeed. Answers when to come back
     * if one must be retried, that the booking is confirmed, or NOTHING_DUE when the saga's state changed otherwise
     * (waiting, or to be compensated) and is to be read again.
     * While this runner holds the lease nobody else changes the saga, so the state is carried from step to step
     * in memory: a step's success is written together with the start of the next (the last one's with the
     * confirmation), one transaction between calls.
     */
    private Pass forward(SagaBooking booking, int position, int attempts, Card card) {
        int last = saga.steps().size() - 1;
        Booking confirmed = null;
        for (; position <= last; position++, attempts = 1) {
            SagaStep step = saga.steps().get(position);
            StepResult result = attempt(position, booking, card);
            boolean lastStep = position == last;
            switch (result) {
                case StepResult.Done done when lastStep -> confirmed = store.succeededLast(booking, position, done.detail(), issued(booking));
                case StepResult.Done done -> store.succeeded(booking, position, done.detail(), saga.steps().get(position + 1));
                case StepResult.Waiting waiting -> store.waiting(booking, position, waiting.detail());
                case StepResult.Failed failed -> store.failed(booking, position, failed);
                case StepResult.Retry retry -> {
                    store.retrying(booking.id(), position, retry.message());
                    return Pass.dueAt(backoff(attempts));
                }
            }
            halt(step.name());
            if (!(result instanceof StepResult.Done)) {
                return Pass.NOTHING_DUE;
            }
        }
        if (confirmed == null) {
            // every step had succeeded before this run (written by a version that confirmed separately)
            confirmed = store.confirm(booking, issued(booking));
        }
        Booking answer = confirmed;
        return Pass.confirmedAs(booking.payment().map(payment -> answer.toBuilder().setPayment(payment).build()).orElse(null));
    }

    private List<Ticket> issued(SagaBooking booking) {
        return booking.tickets().orElseGet(() -> tickets.ofBooking(booking.id()));
    }

    /** Runs a step's action. A retry past the payment deadline fails a step up to the pivot instead. */
    private StepResult attempt(int position, SagaBooking booking, Card card) {
        StepResult result = saga.steps().get(position).action().apply(booking);
        if (card != null) {
            // the card is needed until payment-service has the payment; then never again
            if (booking.paymentId().isEmpty() && result instanceof StepResult.Retry) {
                cards.keep(booking.id(), card, booking.booking().getPaymentDeadline().toInstant());
            } else {
                cards.forget(booking.id());
            }
        }
        if (result instanceof StepResult.Retry retry && position <= saga.pivot()
                && OffsetDateTime.now().isAfter(booking.booking().getPaymentDeadline())) {
            return new StepResult.Failed("DEPENDENCY_UNAVAILABLE", retry.message());
        }
        return result;
    }

    /** Undoes every step that did (or may have done) something, last first, then fails the booking. */
    private OffsetDateTime backward(SagaStore.State state, Card card) {
        SagaBooking booking = new SagaBooking(state.booking(), card);
        for (int position = saga.steps().size() - 1; position >= 0; position--) {
            SagaStepsRecord done = state.step(position);
            SagaStep step = saga.steps().get(position);
            if (done == null || !TO_UNDO.contains(done.getOutcome()) || step.compensation() == null) {
                continue;
            }
            StepResult result = step.compensation().apply(booking);
            switch (result) {
                case StepResult.Retry retry -> {
                    log.warn("compensation of {} for booking {} will be retried: {}", step.name(), booking.id(), retry.message());
                    return backoff(done.getAttempts());
                }
                case StepResult.Failed failed -> store.compensated(booking.id(), position, "compensation refused: " + failed.message());
                case StepResult.Done undone -> store.compensated(booking.id(), position, undone.detail());
                case StepResult.Waiting waiting -> throw new IllegalStateException("a compensation cannot wait");
            }
            halt("compensate_" + step.name());
        }
        store.fail(booking.id());
        return null;
    }

    private OffsetDateTime backoff(int attempts) {
        return OffsetDateTime.now().plus(waitAfter(attempts, retryAtMost));
    }

    /**
     * How long a step tried {@code attempts} times waits before it is tried again: half a second after the first,
     * doubling up to {@code atMost}.
     */
    static Duration waitAfter(int attempts, Duration atMost) {
        return Duration.ofMillis(Math.min(250L << Math.clamp(attempts, 1, 30), atMost.toMillis()));
    }

    private void halt(String point) {
        if (point.equals(haltAfter)) {
            log.error("halting after {} (ticketmesh.bookings.halt-after)", point);
            Runtime.getRuntime().halt(137);
        }
    }
}
