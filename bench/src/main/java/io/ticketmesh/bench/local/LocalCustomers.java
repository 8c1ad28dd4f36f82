package io.ticketmesh.bench.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens for many synthetic customers of the local stack. Logging hundreds of customers in through the
 * gateway would hit its login rate limit (20 a minute from one address), so the bench signs their tokens with the
 * local gateway's current signing key, which a local stack keeps in its identity database. The services verify
 * them exactly as they verify gateway tokens (same JWKS, issuer, audience). Only possible against a local stack.
 */
public final class LocalCustomers {
    private final JWSSigner signer;
    private final String keyId;

    private LocalCustomers(RSAKey key) throws JOSEException {
        this.signer = new RSASSASigner(key);
        this.keyId = key.getKeyID();
    }

    /** Reads the gateway's active signing key from the local identity database. */
    public static LocalCustomers of(String identityJdbcUrl) throws SQLException, ParseException, JOSEException {
        try (Connection c = DriverManager.getConnection(identityJdbcUrl, "postgres", "");
             var rs = c.createStatement().executeQuery("select jwk from signing_keys where activates_at <= now() "
                     + "and (retired_at is null or retired_at > now()) order by activates_at desc limit 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("the local gateway has no signing key yet; is the stack running?");
            }
            return new LocalCustomers(RSAKey.parse(rs.getString(1)));
        }
    }

    /** Tokens of {@code customers} new customers. */
    public List<String> tokens(int customers) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            tokens.add(newCustomer());
        }
        return tokens;
    }

    /** A 15-minute access token of a customer nobody has seen before. */
    public String newCustomer() {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(id).issuer("ticketmesh")
                .audience("ticketmesh").issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString()).claim("email", "bench-" + id + "@example.test").claim("name", "Bench customer")
                .claim("roles", List.of()).claim("orgs", Map.of()).claim("sid", UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Sends the token as the call's bearer credentials. */
    public static ClientInterceptor bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
