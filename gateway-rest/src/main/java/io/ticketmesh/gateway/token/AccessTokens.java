package io.ticketmesh.gateway.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ticketmesh.gateway.config.GatewayProperties;
import io.ticketmesh.platform.auth.AuthProperties;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.JwtVerifier;
import io.ticketmesh.platform.error.DomainException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues short-lived RS256 access tokens. Claims: {@code sub} (user id), {@code email}, {@code name}, {@code roles}
 * (platform roles), {@code orgs} (organization id to OWNER or STAFF), {@code sid} (the refresh token family, so
 * logout can end it), {@code iat_ms} (the issue time to the millisecond, which revocations compare), plus
 * {@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code jti}.
 */
@Component
public class AccessTokens {
    private final SigningKeys keys;
    private final AuthProperties auth;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, AuthProperties auth, GatewayProperties properties, Clock clock) {
        this.keys = keys;
        this.auth = auth;
        this.ttl = properties.tokens().accessTtl();
        this.clock = clock;
    }

    /** Who a token is for: the user and what they may do. */
    public record Subject(UUID userId, String email, String name, List<String> platformRoles, Map<String, String> organizations) {}

    /** A token for one of Ticketmesh's own services: subject {@code service:<client id>}, platform role SERVICE. */
    public String issueService(String clientId) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder()
                .subject("service:" + clientId)
                .issuer(auth.issuer())
                .audience(auth.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("name", clientId)
                .claim("roles", List.of("SERVICE"))
                .claim("orgs", Map.of())
                .build());
    }

    public String issue(Subject subject, UUID sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject.userId().toString())
                .issuer(auth.issuer())
                .audience(auth.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", subject.email())
                .claim("name", subject.name())
                .claim("roles", subject.platformRoles())
                .claim("orgs", subject.organizations())
                .claim("sid", sessionId.toString())
                .claim(JwtVerifier.ISSUED_AT_MILLIS, now.toEpochMilli())
                .build();
        return sign(claims);
    }

    private String sign(JWTClaimsSet claims) {
        RSAKey key = keys.current();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
    }

    public Duration ttl() {
        return ttl;
    }

    /** The sign-in session (refresh token family) of the caller's verified access token; none for a service's. */
    public static Optional<UUID> sessionOf(Caller caller) {
        try {
            String sid = SignedJWT.parse(caller.bearerToken()).getJWTClaimsSet().getStringClaim("sid");
            return Optional.ofNullable(sid).map(UUID::fromString);
        } catch (ParseException e) {
            throw DomainException.unauthenticated("the bearer token is not a JWT");
        }
    }
}
