package io.ticketmesh.booking.saga;

import io.ticketmesh.booking.client.TicketClient;
import io.ticketmesh.booking.persistence.jooq.tables.records.SagaStepsRecord;
import io.ticketmesh.proto.payment.v1.Card;
import java.time.Duration;
import java.time.OffsetDateTime;
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

    /** Runs the saga as far as it goes now, unless another runner holds it. The card is known only to the request's process. */
    public void run(UUID bookingId, Card card) {
        if (!store.claim(bookingId)) {
            return;
        }
        OffsetDateTime dueAgain = null;
        try {
            dueAgain = drive(bookingId, card != null ? card : cards.find(bookingId));
        } catch (RuntimeException e) {
            log.error("saga of booking {} stopped; it is resumed shortly", bookingId, e);
            dueAgain = OffsetDateTime.now().plusSeconds(1);
        } finally {
            store.release(bookingId, dueAgain);
        }
    }

    /** Answers when the saga should be looked at again: null when it finished or waits for an outside event. */
    private OffsetDateTime drive(UUID bookingId, Card card) {
        SagaStore.State state = store.load(bookingId);
        if (state.booking().getSagaState().equals("WAITING") && store.wake(bookingId)) {
            // due while waiting: the challenge's outcome arrived, or its deadline passed
            state = store.load(bookingId);
        }
        while (true) {
            switch (state.booking().getSagaState()) {
                case "RUNNING" -> {
                    OffsetDateTime due = forward(state, card);
                    if (due != null) {
                        return due;
                    }
                }
                case "COMPENSATING" -> {
                    return backward(state, card);
                }
                case "DONE", "WAITING" -> {
                    return null;
                }
                default -> throw new IllegalStateException("saga state " + state.booking().getSagaState());
            }
            state = store.load(bookingId);
        }
    }

    /** Runs the next step; answers when to come back if it must be retried. */
    private OffsetDateTime forward(SagaStore.State state, Card card) {
        int position = 0;
        while (position < saga.steps().size() && state.step(position) != null && state.step(position).getOutcome().equals("SUCCEEDED")) {
            position++;
        }
        UUID bookingId = state.booking().getId();
        if (position == saga.steps().size()) {
            store.confirm(bookingId, tickets.ofBooking(bookingId));
            return null;
        }
        SagaStep step = saga.steps().get(position);
        store.started(bookingId, position, step.name());
        SagaBooking booking = new SagaBooking(state.booking(), card);
        StepResult result = step.action().apply(booking);
        if (card != null) {
            // the card is needed until payment-service has the payment; then never again
            if (booking.paymentId().isEmpty() && result instanceof StepResult.Retry) {
                cards.keep(bookingId, card, state.booking().getPaymentDeadline().toInstant());
            } else {
                cards.forget(bookingId);
            }
        }
        if (result instanceof StepResult.Retry retry && position <= saga.pivot()
                && OffsetDateTime.now().isAfter(state.booking().getPaymentDeadline())) {
            result = new StepResult.Failed("DEPENDENCY_UNAVAILABLE", retry.message());
        }
        switch (result) {
            case StepResult.Done done -> store.succeeded(booking, position, done.detail());
            case StepResult.Waiting waiting -> store.waiting(booking, position, waiting.detail());
            case StepResult.Failed failed -> store.failed(booking, position, failed);
            case StepResult.Retry retry -> {
                store.retrying(bookingId, position, retry.message());
                return backoff(state.step(position));
            }
        }
        halt(step.name());
        return null;
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
