package io.ticketmesh.gateway.web;

import java.time.Duration;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Per-minute request budgets kept in Redis (Redisson's rate limiter), so every gateway instance counts together.
 * If Redis is unreachable the gateway lets requests through rather than failing them: rate limiting protects the
 * platform, it must not take it down.
 */
@Component
public class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration KEEP_IDLE_LIMITERS = Duration.ofMinutes(10);

    private final RedissonClient redis;

    public RateLimiter(RedissonClient redis) {
        this.redis = redis;
    }

    /** Whether one more request under this key fits in its budget of {@code perMinute}. */
    public boolean tryAcquire(String key, int perMinute) {
        try {
            RRateLimiter limiter = redis.getRateLimiter("ratelimit:" + key + ":" + perMinute);
            limiter.trySetRate(RateType.OVERALL, perMinute, WINDOW, KEEP_IDLE_LIMITERS);
            return limiter.tryAcquire();
        } catch (RuntimeException e) {
            log.warn("rate limiter unavailable, letting the request through: {}", e.getMessage());
            return true;
        }
    }

    /** Seconds until a budget of {@code perMinute} frees a request, at most the whole window. */
    public static long retryAfterSeconds(int perMinute) {
        return Math.max(1, Math.min(WINDOW.toSeconds(), (long) Math.ceil(WINDOW.toSeconds() / (double) perMinute)));
    }
}
