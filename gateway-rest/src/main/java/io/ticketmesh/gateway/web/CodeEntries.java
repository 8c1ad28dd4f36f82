package io.ticketmesh.gateway.web;

import io.ticketmesh.gateway.config.GatewayProperties;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import org.springframework.stereotype.Component;

/**
 * A customer's budget of codes entered a minute (promotion codes in a quote or a booking, presale codes in a hold),
 * far below the requests a customer may make: codes are short words, and without it a customer could try hundreds a
 * minute until one applied. Past it: 429 RATE_LIMITED with Retry-After.
 */
@Component
public class CodeEntries {
    private final RateLimiter limiter;
    private final int perMinute;

    public CodeEntries(RateLimiter limiter, GatewayProperties properties) {
        this.limiter = limiter;
        this.perMinute = properties.rateLimits().promoCodesPerUser();
    }

    /** Counts the code the caller entered, if any, against their budget. */
    public void count(Caller caller, String code) {
        if (code.isBlank()) {
            return;
        }
        RateLimiter.Decision decision = limiter.acquire("codes:user:" + caller.userId(), perMinute);
        if (!decision.allowed()) {
            throw new DomainException(FailureKind.RESOURCE_EXHAUSTED, ErrorReason.ERROR_REASON_RATE_LIMITED,
                    "too many codes entered; retry in " + decision.retryAfterSeconds() + " s")
                    .with(ErrorDetail.RETRY_AFTER_SECONDS, Long.toString(decision.retryAfterSeconds()));
        }
    }
}
