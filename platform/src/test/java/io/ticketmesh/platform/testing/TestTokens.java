package io.ticketmesh.platform.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues access tokens the way the gateway does (RS256, {@code kid}, issuer and audience "ticketmesh") and serves
 * their public key as a JWKS on loopback, so services under test verify real tokens.
 */
public final class TestTokens implements AutoCloseable {
    public static final String ISSUER = "ticketmesh";
    public static final String AUDIENCE = "ticketmesh";
    private final RSAKey key;
    private final HttpServer jwks;
    private final java.util.concurrent.atomic.AtomicInteger jwksFetches = new java.util.concurrent.atomic.AtomicInteger();

    public TestTokens() {
        key = newKey();
        try {
            jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.createContext("/api/v1/auth/service-token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean granted = form.contains("grant_type=client_credentials") && form.contains("client_secret=" + SERVICE_SECRET);
            byte[] answer = (granted
                    ? "{\"access_token\":\"" + service("test-client") + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                    : "{\"code\":\"INVALID_CREDENTIALS\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(granted ? 200 : 401, answer.length);
            try (var out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        jwks.start();
    }

    /** The client secret the stand-in service-token endpoint accepts. */
    public static final String SERVICE_SECRET = "test-service-secret";

    /** A stand-in for the gateway's client-credentials endpoint, answering service tokens for {@link #SERVICE_SECRET}. */
    public String serviceTokenUrl() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/api/v1/auth/service-token";
    }

    /** A service token, as the gateway issues to Ticketmesh's own services. */
    public String service(String name) {
        return token("service:" + name, Map.of(), List.of("SERVICE"), Duration.ofMinutes(5));
    }

    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How often the JWKS was fetched, to show that verifiers cache it. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A valid customer token for a new user. */
    public String customer() {
        return token(UUID.randomUUID().toString(), Map.of(), List.of(), Duration.ofMinutes(5));
    }

    /** A valid token for a user with the given organization roles ("OWNER" or "STAFF"). */
    public String member(String userId, Map<String, String> organizations) {
        return token(userId, organizations, List.of(), Duration.ofMinutes(5));
    }

    public String token(String userId, Map<String, String> organizations, List<String> roles, Duration validFor) {
        return sign(key, claims(userId, organizations, roles, validFor));
    }

    public static JWTClaimsSet claims(String userId, Map<String, String> organizations, List<String> roles, Duration validFor) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(validFor)))
                .claim("email", userId + "@example.test")
                .claim("name", "Test User")
                .claim("orgs", organizations)
                .claim("roles", roles)
                .build();
    }

    public static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey key() {
        return key;
    }

    @Override
    public void close() {
        jwks.stop(0);
    }
}
