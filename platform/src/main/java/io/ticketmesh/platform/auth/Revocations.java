package io.ticketmesh.platform.auth;

import io.ticketmesh.proto.identity.v1.AccessRevoked;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens revoked before they expire, as {@code AccessRevoked} events say (fed by {@link RevocationFeed}):
 * for each user, the revocations in force, each a time and the session it left out. A token is refused when any of
 * them refuses it: a session one revocation left out may be one another signed out (a member removed, then their
 * password changed from a session that refreshed since). A revocation that refuses everything another does replaces
 * it, so a user has a few at most. Revocations older than the longest an access token lives are forgotten: what they
 * refused has expired.
 */
public final class Revocations {
    private record Revocation(Instant notBefore, String keptSessionId) {
        boolean refuses(String sessionId, Instant issuedAt) {
            return issuedAt.isBefore(notBefore) && !(sessionId != null && sessionId.equals(keptSessionId));
        }

        /** Whether every token the other refuses, this refuses too. */
        boolean covers(Revocation other) {
            return !notBefore.isBefore(other.notBefore())
                    && (keptSessionId == null || keptSessionId.equals(other.keptSessionId()));
        }
    }

    private final Map<String, List<Revocation>> byUser = new ConcurrentHashMap<>();
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
        List<Revocation> revocations = byUser.get(userId);
        return revocations != null && revocations.stream().anyMatch(revocation -> revocation.refuses(sessionId, issuedAt));
    }

    public void apply(AccessRevoked event, Instant now) {
        Instant notBefore = Instant.ofEpochSecond(event.getNotBefore().getSeconds(), event.getNotBefore().getNanos());
        if (notBefore.isBefore(now.minus(remembered))) {
            return;
        }
        Revocation next = new Revocation(notBefore, event.getKeptSessionId().isEmpty() ? null : event.getKeptSessionId());
        byUser.compute(event.getUserId(), (user, known) -> with(known == null ? List.of() : known, next));
    }

    /** The revocations with the next one, less those it covers; unchanged when one of them covers it. */
    private static List<Revocation> with(List<Revocation> known, Revocation next) {
        if (known.stream().anyMatch(revocation -> revocation.covers(next))) {
            return known;
        }
        List<Revocation> in = new ArrayList<>(known.size() + 1);
        known.stream().filter(revocation -> !next.covers(revocation)).forEach(in::add);
        in.add(next);
        return List.copyOf(in);
    }

    /** Forgets the revocations whose tokens have all expired. */
    public void forgetExpired(Instant now) {
        Instant horizon = now.minus(remembered);
        for (String user : byUser.keySet()) {
            byUser.computeIfPresent(user, (ignored, known) -> {
                List<Revocation> inForce = known.stream().filter(revocation -> !revocation.notBefore().isBefore(horizon)).toList();
                return inForce.isEmpty() ? null : inForce;
            });
        }
    }

    /** How many revocations of the user are kept. */
    int inForce(String userId) {
        return byUser.getOrDefault(userId, List.of()).size();
    }

    /** How many users have a revocation remembered, for a gauge. */
    public int size() {
        return byUser.size();
    }
}
