package io.ticketmesh.gateway.downstream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * How the gateway calls a downstream service: through a circuit breaker per service (opened by failures of the
 * service, never by its business answers such as NOT_FOUND), and retried only when the call is idempotent: reads,
 * and writes that carry a request_id. Breakers and retries are resilience4j's, visible in the actuator metrics.
 */
@Component
public class GrpcCalls {
    /** Codes that say the service is in trouble rather than that the request was wrong. */
    private static final Set<Status.Code> SERVICE_FAILURES = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.DATA_LOSS);
    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final CircuitBreakerConfig breakerConfig;
    private final RetryConfig retryConfig;

    public GrpcCalls(CircuitBreakerRegistry breakers, RetryRegistry retries) {
        this.breakers = breakers;
        this.retries = retries;
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(3)
                .recordException(isCode(SERVICE_FAILURES))
                .build();
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(50), 2.0, 0.5))
                .retryOnException(isCode(RETRYABLE))
                .build();
    }

    /** A read, or a write made idempotent by its request_id: may be retried. */
    public <T> T idempotent(String service, Supplier<T> call) {
        Retry retry = retries.retry(service, retryConfig);
        return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker(service), call)).get();
    }

    /** A call that must not run twice: never retried. */
    public <T> T once(String service, Supplier<T> call) {
        return CircuitBreaker.decorateSupplier(breaker(service), call).get();
    }

    CircuitBreaker breaker(String service) {
        return breakers.circuitBreaker(service, breakerConfig);
    }

    private static Predicate<Throwable> isCode(Set<Status.Code> codes) {
        return e -> e instanceof StatusRuntimeException status && codes.contains(status.getStatus().getCode());
    }
}
