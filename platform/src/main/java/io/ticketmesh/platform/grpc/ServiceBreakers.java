package io.ticketmesh.platform.grpc;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One resilience4j circuit breaker per downstream service, shared by every caller in the process. It opens when
 * half of the last 20 calls (at least 10) failed because the service is in trouble (unreachable, too slow,
 * internal error), never because of a business answer (NOT_FOUND, FAILED_PRECONDITION, ...), stays open 5 s, then
 * lets 3 calls probe. While it is open, calls fail at once with {@code CallNotPermittedException}.
 */
public final class ServiceBreakers {
    /** Codes that say the service is in trouble rather than that the request was wrong. */
    public static final Set<Status.Code> SERVICE_FAILURES = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.DATA_LOSS);
    private final CircuitBreakerRegistry registry;
    private final CircuitBreakerConfig config;

    public ServiceBreakers(CircuitBreakerRegistry registry) {
        this.registry = registry;
        this.config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(3)
                .recordException(isCode(SERVICE_FAILURES))
                .build();
    }

    /** The breaker of {@code service} (e.g. "payment-service"), made on first use. */
    public CircuitBreaker of(String service) {
        return registry.circuitBreaker(service, config);
    }

    /** Whether a throwable is a gRPC failure with one of the codes. */
    public static Predicate<Throwable> isCode(Set<Status.Code> codes) {
        return e -> e instanceof StatusRuntimeException status && codes.contains(status.getStatus().getCode());
    }
}
