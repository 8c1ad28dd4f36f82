package io.ticketmesh.bench.holds;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
final class LocalCustomers {
    private LocalCustomers() {}

    static List<String> tokens(String identityJdbcUrl, int customers) throws SQLException, ParseException, JOSEException {
        RSAKey key;
        try (Connection c = DriverManager.getConnection(identityJdbcUrl, "postgres", "");
             var rs = c.createStatement().executeQuery("select jwk from signing_keys where activates_at <= now() "
                     + "and (retired_at is null or retired_at > now()) order by activates_at desc limit 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("the local gateway has no signing key yet; is the stack running?");
            }
            key = RSAKey.parse(rs.getString(1));
        }
        List<String> tokens = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < customers; i++) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString()).issuer("ticketmesh")
                    .audience("ticketmesh").issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                    .jwtID(UUID.randomUUID().toString()).claim("email", "bench-" + i + "@example.test").claim("name", "Bench " + i)
                    .claim("roles", List.of()).claim("orgs", Map.of()).claim("sid", UUID.randomUUID().toString()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            tokens.add(jwt.serialize());
        }
        return tokens;
    }
}
