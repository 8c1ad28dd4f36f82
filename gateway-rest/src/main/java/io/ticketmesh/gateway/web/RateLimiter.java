package io.ticketmesh.gateway.web;

import java.time.Duration;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.LongCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Per-minute request budgets kept in Redis, so every gateway instance counts together: a key's requests are counted
 * in windows of a minute starting at its first request (one script a request: count, start the window, read how
 * long it has left), so a refusal says exactly when the budget is back. A client may spend two budgets close
 * together across a window's end; attempts refused count too, so hammering does not end a window sooner. If Redis is
 * unreachable the gateway lets requests through rather than failing them: rate limiting protects the platform, it
 * must not take it down.
 */
@Component
public class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** KEYS[1] the key's counter, ARGV[1] the window in ms: {requests in this window, ms it has left}. */
    private static final String COUNT = """
            local count = redis.call('INCR', KEYS[1])
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              left = tonumber(ARGV[1])
            end
            return {count, left}""";

    private final RedissonClient redis;

    public RateLimiter(RedissonClient redis) {
        this.redis = redis;
    }

    /** Whether a request fits in its budget, and when refused, in how many seconds the budget is back. */
    public record Decision(boolean allowed, long retryAfterSeconds) {}

    /** Counts one more request under this key against its budget of {@code perMinute}. */
    public Decision acquire(String key, int perMinute) {
        try {
            List<Long> counted = redis.getScript(LongCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, COUNT, RScript.ReturnType.LIST,
                    List.of("ratelimit-window:" + key + ":" + perMinute), WINDOW.toMillis());
            long left = counted.get(1);
            return new Decision(counted.get(0) <= perMinute, Math.max(1, (left + 999) / 1000));
        } catch (RuntimeException e) {
            log.warn("rate limiter unavailable, letting the request through: {}", e.getMessage());
            return new Decision(true, 0);
        }
    }
}
