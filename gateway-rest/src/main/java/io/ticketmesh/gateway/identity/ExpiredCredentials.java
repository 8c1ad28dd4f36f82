package io.ticketmesh.gateway.identity;

import static io.ticketmesh.gateway.persistence.jooq.Tables.REFRESH_TOKENS;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes spent credentials every ten minutes, so the identity tables hold what can still be used: refresh tokens past
 * their family's expiry (one presented later is refused as unknown, as it was as expired), and password resets and
 * address changes asked for over a day ago (an hour's are what their limits count, a day's answer support's
 * questions; a confirmation link lives a day at most).
 */
@Component
public class ExpiredCredentials {
    static final Duration LINKS_KEPT = Duration.ofDays(1);
    private final DSLContext dsl;
    private final PasswordResets resets;
    private final EmailChanges emailChanges;
    private final Clock clock;

    public ExpiredCredentials(DSLContext dsl, PasswordResets resets, EmailChanges emailChanges, Clock clock) {
        this.dsl = dsl;
        this.resets = resets;
        this.emailChanges = emailChanges;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
    public void sweep() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        dsl.deleteFrom(REFRESH_TOKENS).where(REFRESH_TOKENS.EXPIRES_AT.lt(now)).execute();
        resets.forgetRequestedBefore(now.minus(LINKS_KEPT));
        emailChanges.forgetRequestedBefore(now.minus(LINKS_KEPT));
    }
}
