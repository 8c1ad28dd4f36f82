package io.ticketmesh.booking.client;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.ticketmesh.booking.saga.StepResult;
import io.ticketmesh.platform.auth.AuthServerInterceptor;
import io.ticketmesh.platform.auth.ServiceTokens;
import io.ticketmesh.platform.error.ErrorReasons;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.grpc.ServiceBreakers;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * How booking-service calls the saga's participants: as itself (a SERVICE token), with a deadline, through a
 * circuit breaker per participant ({@link ServiceBreakers}), and with failures turned into step outcomes: unreachable, overloaded or slow participants mean "try again", a
 * stable reason means the step failed for good.
 */
@Component
public class Participants {
    public static final String TICKET_SERVICE = "ticket-service";
    public static final String PAYMENT_SERVICE = "payment-service";
    private static final Set<Status.Code> TRANSIENT = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED, Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.CANCELLED);
    private final ServiceTokens tokens;
    private final ServiceBreakers breakers;

    public Participants(ServiceTokens tokens, CircuitBreakerRegistry breakers) {
        this.tokens = tokens;
        this.breakers = new ServiceBreakers(breakers);
    }

    /** The stub calling as booking-service, with a deadline of {@code timeout}. */
    public <S extends AbstractStub<S>> S asService(S stub, Duration timeout) {
        Metadata headers = new Metadata();
        headers.put(AuthServerInterceptor.AUTHORIZATION, "Bearer " + tokens.current());
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a call to {@code participant} through its circuit breaker and maps its failure: a stable reason fails
     * the step, everything transient (and an open breaker, which spares a failing participant the call) is a retry.
     */
    public StepResult outcome(String participant, Supplier<StepResult> call) {
        try {
            return breakers.of(participant).executeSupplier(call);
        } catch (CallNotPermittedException e) {
            return new StepResult.Retry(participant + " keeps failing; its circuit breaker is open, so it was not called");
        } catch (StatusRuntimeException e) {
            RemoteError error = RemoteError.of(e);
            boolean transientReason = error.reason() == ErrorReason.ERROR_REASON_UNSPECIFIED
                    || error.reason() == ErrorReason.ERROR_REASON_DEPENDENCY_UNAVAILABLE
                    || error.reason() == ErrorReason.ERROR_REASON_INTERNAL
                    || error.reason() == ErrorReason.ERROR_REASON_RATE_LIMITED;
            if (TRANSIENT.contains(error.code()) && transientReason) {
                return new StepResult.Retry(error.code() + ": " + error.message());
            }
            return new StepResult.Failed(ErrorReasons.wireName(error.reason()), error.message(), error.metadata());
        } catch (IllegalStateException e) {
            // the service token could not be fetched: the gateway is down; try later
            return new StepResult.Retry(e.getMessage());
        }
    }
}
