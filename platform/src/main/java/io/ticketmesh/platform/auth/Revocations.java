package io.ticketmesh.platform.auth;

import io.ticketmesh.proto.identity.v1.AccessRevoked;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens revoked before they expire, as {@code AccessRevoked} events say (fed by {@link RevocationFeed}):
 * for each user, the latest revocation's time and the session it left out. A later revocation of a user replaces an
 * earlier one: its time is later, and the session it leaves out is one whose tokens the earlier one let through or
 * issued after it (a session the earlier one signed out cannot ask for another). Revocations older than the longest an
 * access token lives are forgotten: what they refused has expired.
 */
public final class Revocations {
    private record Revocation(Instant notBefore, String keptSessionId) {}

    private final Map<String, Revocation> byUser = new ConcurrentHashMap<>();
    private final Duration remembered;

    /** @param remembered at least the longest an access token lives */
    public Revocations(Duration remembered) {
        this.remembered = remembered;
    }

    /**
     * Whether a token of the user, of that session (null: none), issued then (to the millisecond when the token says,
     * see {@link JwtVerifier}), is refused.
     */
    public boolean revoked(String userId, String sessionId, Instant issuedAt) {
        Revocation revocation = byUser.get(userId);
        return revocation != null && issuedAt.isBefore(revocation.notBefore())
                && !(sessionId != null && sessionId.equals(revocation.keptSessionId()));
    }

    public void apply(AccessRevoked event, Instant now) {
        Instant notBefore = Instant.ofEpochSecond(event.getNotBefore().getSeconds(), event.getNotBefore().getNanos());
        if (notBefore.isBefore(now.minus(remembered))) {
            return;
        }
        Revocation next = new Revocation(notBefore, event.getKeptSessionId().isEmpty() ? null : event.getKeptSessionId());
        byUser.merge(event.getUserId(), next, (known, later) -> later.notBefore().isBefore(known.notBefore()) ? known : later);
    }

    /** Forgets the revocations whose tokens have all expired. */
    public void forgetExpired(Instant now) {
        Instant horizon = now.minus(remembered);
        byUser.values().removeIf(revocation -> revocation.notBefore().isBefore(horizon));
    }

    /** How many users have a revocation remembered, for the feed's gauge. */
    public int size() {
        return byUser.size();
    }
}
