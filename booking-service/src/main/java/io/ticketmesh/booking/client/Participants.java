package io.ticketmesh.booking.client;

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
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * How booking-service calls the saga's participants: as itself (a SERVICE token), with a deadline, and with
 * failures turned into step outcomes: unreachable, overloaded or slow participants mean "try again", a
 * stable reason means the step failed for good.
 */
@Component
public class Participants {
    private static final Set<Status.Code> TRANSIENT = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED, Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.CANCELLED);
    private final ServiceTokens tokens;

    public Participants(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    /** The stub calling as booking-service, with a deadline of {@code timeout}. */
    public <S extends AbstractStub<S>> S asService(S stub, Duration timeout) {
        Metadata headers = new Metadata();
        headers.put(AuthServerInterceptor.AUTHORIZATION, "Bearer " + tokens.current());
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a call and maps its failure; {@code settled} reasons are failures, everything transient is a retry. */
    public static StepResult outcome(Supplier<StepResult> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            RemoteError error = RemoteError.of(e);
            boolean transientReason = error.reason() == ErrorReason.ERROR_REASON_UNSPECIFIED
                    || error.reason() == ErrorReason.ERROR_REASON_DEPENDENCY_UNAVAILABLE
                    || error.reason() == ErrorReason.ERROR_REASON_INTERNAL
                    || error.reason() == ErrorReason.ERROR_REASON_RATE_LIMITED;
            if (TRANSIENT.contains(error.code()) && transientReason) {
                return new StepResult.Retry(error.code() + ": " + error.message());
            }
            return new StepResult.Failed(ErrorReasons.wireName(error.reason()), error.message());
        } catch (IllegalStateException e) {
            // the service token could not be fetched: the gateway is down; try later
            return new StepResult.Retry(e.getMessage());
        }
    }
}
