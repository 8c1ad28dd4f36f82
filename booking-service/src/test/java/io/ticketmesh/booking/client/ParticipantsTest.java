package io.ticketmesh.booking.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.Status;
import io.ticketmesh.booking.saga.StepResult;
import io.ticketmesh.platform.auth.ServiceTokens;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How participant failures become step outcomes, and when the circuit breaker spares a participant the call. */
class ParticipantsTest {
    private final Participants participants = new Participants(
            new ServiceTokens("http://127.0.0.1:9/never-called", "booking-service", "unused"), CircuitBreakerRegistry.ofDefaults());

    @Test
    void anUnreachableParticipantOpensItsBreakerAndIsNoLongerCalled() {
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            StepResult result = participants.outcome(Participants.PAYMENT_SERVICE, () -> {
                calls.incrementAndGet();
                throw Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException();
            });
            assertThat(result).isInstanceOf(StepResult.Retry.class);
        }
        StepResult spared = participants.outcome(Participants.PAYMENT_SERVICE, () -> {
            calls.incrementAndGet();
            return new StepResult.Done("unexpected");
        });
        assertThat(calls).hasValue(10);
        assertThat(spared).isInstanceOfSatisfying(StepResult.Retry.class,
                retry -> assertThat(retry.message()).contains("circuit breaker is open"));
        // another participant has its own breaker
        assertThat(participants.outcome(Participants.TICKET_SERVICE, () -> new StepResult.Done("sold")))
                .isInstanceOf(StepResult.Done.class);
    }

    @Test
    void businessAnswersFailTheStepButNeverOpenTheBreaker() {
        for (int i = 0; i < 30; i++) {
            StepResult result = participants.outcome(Participants.TICKET_SERVICE, () -> {
                throw Status.FAILED_PRECONDITION.withDescription("the hold has expired").asRuntimeException();
            });
            assertThat(result).isInstanceOf(StepResult.Failed.class);
        }
        assertThat(participants.outcome(Participants.TICKET_SERVICE, () -> new StepResult.Done("sold"))).isInstanceOf(StepResult.Done.class);
    }
}
