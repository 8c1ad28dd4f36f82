package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ticketmesh.gateway.token.SigningKeys;
import io.ticketmesh.platform.testing.TestTokens;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tokens the gateway must refuse with 401, and signing key rotation. */
class TokenSecurityTest extends GatewayTestBase {
    @Autowired
    SigningKeys keys;

    private String validToken() {
        return newUser(http()).path("access_token").asString();
    }

    private void assertRefused(String token) {
        var me = http().get("/api/v1/me", token);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(me.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(me.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void forgedSignatureIsRefused() {
        String[] parts = validToken().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        String elevated = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("\"roles\":[]", "\"roles\":[\"ADMIN\"]").getBytes());
        assertRefused(parts[0] + "." + elevated + "." + parts[2]);
    }

    @Test
    void unsignedAlgNoneIsRefused() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(validToken()).getJWTClaimsSet();
        assertRefused(new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(), claims).serialize());
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(validToken()).getJWTClaimsSet())
                .issueTime(Date.from(java.time.Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(java.time.Instant.now().minus(Duration.ofHours(1)))).build();
        assertRefused(TestTokens.sign(keys.current(), claims));
    }

    @Test
    void tokenFromAnotherKeyIsRefused() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(validToken()).getJWTClaimsSet();
        assertRefused(TestTokens.sign(TestTokens.newKey(), claims));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(validToken()).getJWTClaimsSet()).audience("someone-else").build();
        assertRefused(TestTokens.sign(keys.current(), claims));
    }

    @Test
    void garbageAndMissingTokensAreRefused() {
        assertRefused("not-a-token");
        var anonymous = http().get("/api/v1/me", null);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void rotationPublishesTheNewKeyAndOldTokensStillWork() throws Exception {
        String before = validToken();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        keys.rotate();

        String after = validToken();
        String newKid = SignedJWT.parse(after).getHeader().getKeyID();
        assertThat(newKid).isNotEqualTo(oldKid);
        JWKSet published = JWKSet.parse(http().get("/.well-known/jwks.json", null).raw().body());
        assertThat(published.getKeys()).extracting(k -> k.getKeyID()).contains(oldKid, newKid);
        assertThat(http().get("/api/v1/me", before).status()).as("tokens of the retired key live until they expire").isEqualTo(200);
        assertThat(http().get("/api/v1/me", after).status()).isEqualTo(200);
    }

    @Test
    void claimsCarryOrganizationRolesForTheServices() throws Exception {
        Http http = http();
        String token = validToken();
        var organization = http.post("/api/v1/organizations", token, Http.json(Map.of("name", "Roles Ltd")));
        String refresh = http.post("/api/v1/auth/login", null, Http.json(Map.of(
                "email", SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("email"), "password", "correct horse battery")))
                .json().path("access_token").asString();
        Map<String, Object> orgs = SignedJWT.parse(refresh).getJWTClaimsSet().getJSONObjectClaim("orgs");
        assertThat(orgs).containsEntry(organization.json().path("id").asString(), "OWNER");
        assertThat(SignedJWT.parse(refresh).getJWTClaimsSet().getStringListClaim("roles")).isEqualTo(List.of());
    }
}
