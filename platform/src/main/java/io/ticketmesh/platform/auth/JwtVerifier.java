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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies RS256 access tokens against the gateway's JWKS: signature by a published key (fetched, cached, and
 * refreshed early, rate-limited, when an unknown {@code kid} appears), expiry, issuer and audience. Unsigned ({@code alg: none}) and
 * HMAC tokens are refused because only RS256 keys are ever selected.
 */
public final class JwtVerifier {
    /** Tokens already verified, until they expire: a customer's calls repeat one token, and RS256 costs ~0.1 ms. */
    private static final int MAX_REMEMBERED = 50_000;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Caller caller, long expiresAtMillis) {}

    public JwtVerifier(AuthProperties properties) {
        this(jwkSource(properties), properties.issuer(), properties.audience());
    }

    public JwtVerifier(JWKSource<SecurityContext> keys, String issuer, String audience) {
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
        if (known != null && known.expiresAtMillis() > System.currentTimeMillis()) {
            return known.caller();
        }
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
            verified.put(token, new Verified(caller, claims.getExpirationTime().getTime()));
            return caller;
        } catch (ParseException | IllegalArgumentException e) {
            throw DomainException.unauthenticated("the bearer token has malformed claims");
        }
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
