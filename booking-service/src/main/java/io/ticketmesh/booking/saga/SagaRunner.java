package io.ticketmesh.booking.saga;

import io.ticketmesh.booking.client.TicketClient;
import io.ticketmesh.booking.persistence.jooq.tables.records.SagaStepsRecord;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.payment.v1.Card;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
    private final BookingSaga saga;
    private final SagaStore store;
    private final TicketClient tickets;
    private final CardsInFlight cards;
    /** Fault injection for the crash tests: the process halts right after this step's outcome is written. */
    private final String haltAfter;

    public SagaRunner(BookingSaga saga, SagaStore store, TicketClient tickets, CardsInFlight cards,
                      @Value("${ticketmesh.bookings.halt-after:}") String haltAfter) {
        this.saga = saga;
        this.store = store;
        this.tickets = tickets;
        this.cards = cards;
        this.haltAfter = haltAfter;
    }

    /**
     * What one run of a saga came to: when it is due again (null: when it finished or waits for an outside event),
     * and the booking it confirmed, as its customer sees it, when this run confirmed it knowing the payment.
     */
    private record Pass(OffsetDateTime dueAgain, Booking confirmed) {
        static final Pass NOTHING_DUE = new Pass(null, null);

        static Pass dueAt(OffsetDateTime time) {
            return new Pass(time, null);
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
        Pass pass = Pass.NOTHING_DUE;
        try {
            pass = drive(bookingId, card != null ? card : cards.find(bookingId));
        } catch (RuntimeException e) {
            log.error("saga of booking {} stopped; it is resumed shortly", bookingId, e);
            pass = Pass.dueAt(OffsetDateTime.now().plusSeconds(1));
        } finally {
            store.release(bookingId, pass.dueAgain());
        }
        return Optional.ofNullable(pass.confirmed());
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
                    Pass pass = forward(state, card);
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

    /**
     * Runs the steps from the first unfinished one for as long as they succeed. Answers when to come back if one
     * must be retried, the confirmed booking, or NOTHING_DUE when the saga's state changed otherwise (waiting, to be
     * compensated, or confirmed without the payment at hand) and is to be read again.
     * While this runner holds the lease nobody else changes the saga, so the state is carried from step to step
     * in memory: a step's success is written together with the start of the next, one transaction between calls.
     */
    private Pass forward(SagaStore.State state, Card card) {
        int position = state.firstUnfinished(saga.steps().size());
        SagaBooking booking = new SagaBooking(state.booking(), card);
        UUID bookingId = booking.id();
        if (position < saga.steps().size()) {
            store.started(bookingId, position, saga.steps().get(position).name());
        }
        for (; position < saga.steps().size(); position++) {
            SagaStep step = saga.steps().get(position);
            StepResult result = attempt(position, booking, card);
            switch (result) {
                case StepResult.Done done -> store.succeeded(booking, position, done.detail(), next(position));
                case StepResult.Waiting waiting -> store.waiting(booking, position, waiting.detail());
                case StepResult.Failed failed -> store.failed(booking, position, failed);
                case StepResult.Retry retry -> {
                    store.retrying(bookingId, position, retry.message());
                    return Pass.dueAt(backoff(state.step(position)));
                }
            }
            halt(step.name());
            if (!(result instanceof StepResult.Done)) {
                return Pass.NOTHING_DUE;
            }
        }
        Booking confirmed = store.confirm(bookingId, booking.tickets().orElseGet(() -> tickets.ofBooking(bookingId)));
        return booking.payment().map(payment -> new Pass(null, confirmed.toBuilder().setPayment(payment).build()))
                .orElse(Pass.NOTHING_DUE);
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

    /** The step after {@code position}, or null after the last. */
    private SagaStep next(int position) {
        return position + 1 < saga.steps().size() ? saga.steps().get(position + 1) : null;
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
                    return backoff(done);
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

    private static OffsetDateTime backoff(SagaStepsRecord step) {
        int attempts = step == null ? 1 : step.getAttempts();
        return OffsetDateTime.now().plus(Duration.ofMillis(Math.min(250L << Math.min(attempts, 7), 30_000)));
    }

    private void halt(String point) {
        if (point.equals(haltAfter)) {
            log.error("halting after {} (ticketmesh.bookings.halt-after)", point);
            Runtime.getRuntime().halt(137);
        }
    }
}
