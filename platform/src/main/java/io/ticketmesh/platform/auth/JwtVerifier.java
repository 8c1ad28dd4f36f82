package io.ticketmesh.platform.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.ticketmesh.platform.error.DomainException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies RS256 access tokens against the gateway's JWKS: signature by a published key (fetched, cached, and
 * refreshed early, rate-limited, when an unknown {@code kid} appears), expiry, issuer and audience. Unsigned ({@code alg: none}) and
 * HMAC tokens are refused because only RS256 keys are ever selected. A token the gateway has since revoked (its
 * account's password changed, or its roles) is refused as {@link Revocations} say, on every call, remembered or not.
 */
public final class JwtVerifier {
    /** Tokens already verified, until they expire: a customer's calls repeat one token, and RS256 costs ~0.1 ms. */
    private static final int MAX_REMEMBERED = 50_000;
    /** The issue time to the millisecond, a claim of the gateway's access tokens. */
    public static final String ISSUED_AT_MILLIS = "iat_ms";
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Revocations revocations;

    private record Verified(Caller caller, long expiresAtMillis, Instant issuedAt, String sessionId) {}

    /** A verifier that knows of no revocations. */
    public JwtVerifier(AuthProperties properties) {
        this(properties, new Revocations(Duration.ZERO));
    }

    public JwtVerifier(AuthProperties properties, Revocations revocations) {
        this(jwkSource(properties), properties.issuer(), properties.audience(), revocations);
    }

    public JwtVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, Revocations revocations) {
        this.revocations = revocations;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat")));
    }

    private static JWKSource<SecurityContext> jwkSource(AuthProperties properties) {
        try {
            long ttl = properties.jwksCacheTtl().toMillis();
            return JWKSourceBuilder.<SecurityContext>create(URI.create(properties.jwksUrl()).toURL())
                    .cache(ttl, Math.min(ttl, 15_000))
                    // unknown kids refresh the set, at most once per rate-limit window, so forged kids cannot flood the gateway
                    .rateLimited(true)
                    .retrying(true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("TICKETMESH_JWKS_URL is not a URL: " + properties.jwksUrl(), e);
        }
    }

    /** The caller proven by the token; UNAUTHENTICATED for any token that does not verify. */
    public Caller verify(String token) {
        Verified known = verified.get(token);
        if (known == null || known.expiresAtMillis() <= System.currentTimeMillis()) {
            known = verifyAfresh(token);
        }
        if (revocations.revoked(known.caller().userId(), known.sessionId(), known.issuedAt())) {
            throw DomainException.unauthenticated("the access token was revoked (the account's password or roles changed);"
                    + " refresh it or log in again");
        }
        return known.caller();
    }

    private Verified verifyAfresh(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw DomainException.unauthenticated("the bearer token is not a JWT");
        } catch (Exception e) {
            throw DomainException.unauthenticated("the bearer token is invalid: " + e.getMessage());
        }
        try {
            Caller caller = new Caller(claims.getSubject(), nullToEmpty(claims.getStringClaim("email")),
                    nullToEmpty(claims.getStringClaim("name")), organizations(claims.getJSONObjectClaim("orgs")),
                    roles(claims.getStringListClaim("roles")), token);
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            Verified known = new Verified(caller, claims.getExpirationTime().getTime(), issuedAt(claims), claims.getStringClaim("sid"));
            verified.put(token, known);
            return known;
        } catch (ParseException | IllegalArgumentException e) {
            throw DomainException.unauthenticated("the bearer token has malformed claims");
        }
    }

    /**
     * When the token was issued: {@code iat_ms} (milliseconds, the gateway's tokens carry it) or else {@code iat}
     * (seconds), so a token issued in the same second as a revocation but before it is refused too.
     */
    private static Instant issuedAt(JWTClaimsSet claims) throws ParseException {
        Long millis = claims.getLongClaim(ISSUED_AT_MILLIS);
        return millis != null ? Instant.ofEpochMilli(millis) : claims.getIssueTime().toInstant();
    }

    private static Map<String, OrgRole> organizations(Map<String, Object> claim) {
        Map<String, OrgRole> organizations = new HashMap<>();
        if (claim != null) {
            claim.forEach((org, role) -> organizations.put(org, OrgRole.valueOf(String.valueOf(role))));
        }
        return Map.copyOf(organizations);
    }

    private static Set<String> roles(List<String> claim) {
        return claim == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(claim));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
