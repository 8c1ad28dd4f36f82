package io.ticketmesh.gateway.downstream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.grpc.Status;
import io.ticketmesh.platform.grpc.ServiceBreakers;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * How the gateway calls a downstream service: through a circuit breaker per service ({@link ServiceBreakers}:
 * opened by failures of the service, never by its business answers such as NOT_FOUND), and retried only when the call is idempotent: reads,
 * and writes that carry a request_id. Breakers and retries are resilience4j's, visible in the actuator metrics.
 */
@Component
public class GrpcCalls {
    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

    private final ServiceBreakers breakers;
    private final RetryRegistry retries;
    private final RetryConfig retryConfig;

    public GrpcCalls(CircuitBreakerRegistry breakers, RetryRegistry retries) {
        this.breakers = new ServiceBreakers(breakers);
        this.retries = retries;
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(50), 2.0, 0.5))
                .retryOnException(ServiceBreakers.isCode(RETRYABLE))
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
        return breakers.of(service);
    }
}
