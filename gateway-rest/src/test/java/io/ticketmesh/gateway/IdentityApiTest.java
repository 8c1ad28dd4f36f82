package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.ticketmesh.gateway.token.AccessTokens;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** register, login, me, refresh with rotation and reuse detection, logout, JWKS, organizations and members. */
class IdentityApiTest extends GatewayTestBase {
    private static final String PASSWORD = "correct horse battery";

    @Autowired
    DSLContext dsl;

    @Autowired
    AccessTokens accessTokens;

    @Test
    void registerLoginAndMe() {
        Http http = http();
        String email = uniqueEmail();
        var registered = http.post("/api/v1/auth/register", null, Http.json(Map.of("email", email, "password", PASSWORD, "name", "Ada")));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().path("email").asString()).isEqualTo(email);
        assertThat(registered.json().path("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(registered.raw().body()).doesNotContain("password");

        var login = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", email.toUpperCase(), "password", PASSWORD)));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("token_type").asString()).isEqualTo("Bearer");
        assertThat(login.json().path("expires_in").asLong()).isEqualTo(900);

        var me = http.get("/api/v1/me", login.json().path("access_token").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("email").asString()).isEqualTo(email);
        assertThat(me.json().path("memberships").isArray()).isTrue();
    }

    @Test
    void aUserCorrectsTheirNameAndTheNextTokenCarriesIt() throws Exception {
        Http http = http();
        String email = uniqueEmail();
        http.post("/api/v1/auth/register", null, Http.json(Map.of("email", email, "password", PASSWORD, "name", "Ada Lovelace")));
        JsonNode session = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", email, "password", PASSWORD))).json();
        String token = session.path("access_token").asString();

        var renamed = http.patch("/api/v1/me", token, Http.json(Map.of("name", "  Augusta Ada King ")));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("Augusta Ada King");
        assertThat(renamed.json().path("email").asString()).isEqualTo(email);
        assertThat(http.patch("/api/v1/me", token, Http.json(Map.of("name", "Augusta Ada King"))).json().path("name").asString())
                .as("sent again").isEqualTo("Augusta Ada King");
        assertThat(http.get("/api/v1/me", token).json().path("name").asString()).isEqualTo("Augusta Ada King");
        String next = http.post("/api/v1/auth/refresh", null, Http.json(Map.of("refresh_token", session.path("refresh_token").asString())))
                .json().path("access_token").asString();
        assertThat(SignedJWT.parse(next).getJWTClaimsSet().getStringClaim("name")).isEqualTo("Augusta Ada King");

        var blank = http.patch("/api/v1/me", token, Http.json(Map.of("name", " ")));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(http.patch("/api/v1/me", token, Http.json(Map.of("name", "x".repeat(201)))).status()).isEqualTo(400);
        assertThat(http.patch("/api/v1/me", null, Http.json(Map.of("name", "Mallory"))).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/me", token).json().path("name").asString()).as("nothing refused was stored").isEqualTo("Augusta Ada King");
    }

    @Test
    void aServiceTokenHasNoAccount() {
        Http http = http();
        String service = accessTokens.issueService("booking-service");
        assertThat(http.get("/api/v1/me", service).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/me/export", service).status()).isEqualTo(403);
        assertThat(http.patch("/api/v1/me", service, Http.json(Map.of("name", "Robot"))).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/organizations", service, Http.json(Map.of("name", "Robots Ltd"))).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/me/password", service, Http.json(Map.of("current_password", PASSWORD,
                "new_password", "purple staple orbit"))).code()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void registeringATakenEmailIsAConflict() {
        Http http = http();
        String email = uniqueEmail();
        http.post("/api/v1/auth/register", null, Http.json(Map.of("email", email, "password", PASSWORD, "name", "Ada")));
        var again = http.post("/api/v1/auth/register", null, Http.json(Map.of("email", email, "password", PASSWORD, "name", "Ada")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("EMAIL_TAKEN");
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void weakPasswordsAreRefusedWithTheReason() {
        Http http = http();
        for (String weak : new String[] {"short1", "aaaaaaaaaaaa", "password123", "1234567890"}) {
            var response = http.post("/api/v1/auth/register", null, Http.json(Map.of("email", uniqueEmail(), "password", weak, "name", "Ada")));
            assertThat(response.status()).as(weak).isEqualTo(400);
            assertThat(response.code()).as(weak).isEqualTo("WEAK_PASSWORD");
            assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
            assertThat(response.json().path("errors").get(0).path("detail").asString()).isNotBlank();
        }
    }

    @Test
    void badEmailIsRefusedNamingTheField() {
        var response = http().post("/api/v1/auth/register", null, Http.json(Map.of("email", "not-an-email", "password", PASSWORD, "name", "Ada")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
    }

    @Test
    void wrongPasswordAndUnknownEmailLookTheSame() {
        Http http = http();
        String email = uniqueEmail();
        http.post("/api/v1/auth/register", null, Http.json(Map.of("email", email, "password", PASSWORD, "name", "Ada")));
        var wrong = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", email, "password", "not the password")));
        var unknown = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", uniqueEmail(), "password", PASSWORD)));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("INVALID_CREDENTIALS").isEqualTo(unknown.code());
        assertThat(wrong.json().path("detail").asString()).isEqualTo(unknown.json().path("detail").asString());
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        Http http = http();
        JsonNode first = newUser(http);
        String original = first.path("refresh_token").asString();

        var rotated = http.post("/api/v1/auth/refresh", null, Http.json(Map.of("refresh_token", original)));
        assertThat(rotated.status()).isEqualTo(200);
        String next = rotated.json().path("refresh_token").asString();
        assertThat(next).isNotEqualTo(original);
        assertThat(http.get("/api/v1/me", rotated.json().path("access_token").asString()).status()).isEqualTo(200);

        var reused = http.post("/api/v1/auth/refresh", null, Http.json(Map.of("refresh_token", original)));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("REFRESH_TOKEN_REUSED");

        var afterRevocation = http.post("/api/v1/auth/refresh", null, Http.json(Map.of("refresh_token", next)));
        assertThat(afterRevocation.status()).as("the family is revoked").isEqualTo(401);
        assertThat(afterRevocation.code()).isEqualTo("REFRESH_TOKEN_INVALID");
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() {
        String token = newUser(http()).path("refresh_token").asString();
        assertThat(dsl.fetchCount(dsl.selectFrom("refresh_tokens").where("token_hash::text like ?", "%" + token + "%"))).isZero();
        assertThat(dsl.fetchCount(dsl.selectFrom("refresh_tokens").where("encode(token_hash, 'escape') = ?", token))).isZero();
    }

    @Test
    void logoutEndsTheSession() {
        Http http = http();
        JsonNode login = newUser(http);
        var logout = http.post("/api/v1/auth/logout", login.path("access_token").asString(), null);
        assertThat(logout.status()).isEqualTo(204);
        var refresh = http.post("/api/v1/auth/refresh", null, Http.json(Map.of("refresh_token", login.path("refresh_token").asString())));
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(http.post("/api/v1/auth/logout", null, null).status()).isEqualTo(401);
    }

    @Test
    void jwksServesTheKeyThatVerifiesAccessTokens() throws Exception {
        Http http = http();
        String accessToken = newUser(http).path("access_token").asString();
        var jwks = http.get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.raw().body()).doesNotContain("\"d\"").doesNotContain("\"p\"");
        SignedJWT jwt = SignedJWT.parse(accessToken);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        RSAKey key = (RSAKey) JWKSet.parse(jwks.raw().body()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("ticketmesh");
    }

    @Test
    void organizationOwnersAddMembersAndOthersCannot() {
        Http http = http();
        String owner = newUser(http).path("access_token").asString();
        var organization = http.post("/api/v1/organizations", owner, Http.json(Map.of("name", "Globe Theatre")));
        assertThat(organization.status()).isEqualTo(201);
        assertThat(organization.json().path("role").asString()).isEqualTo("OWNER");
        String orgId = organization.json().path("id").asString();

        String staffEmail = uniqueEmail();
        http.post("/api/v1/auth/register", null, Http.json(Map.of("email", staffEmail, "password", PASSWORD, "name", "Sam")));
        var added = http.post("/api/v1/organizations/" + orgId + "/members", owner, Http.json(Map.of("email", staffEmail, "role", "STAFF")));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("role").asString()).isEqualTo("STAFF");

        var staffLogin = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", staffEmail, "password", PASSWORD)));
        String staffToken = staffLogin.json().path("access_token").asString();
        var me = http.get("/api/v1/me", staffToken);
        assertThat(me.json().path("memberships").get(0).path("organization_id").asString()).isEqualTo(orgId);
        assertThat(me.json().path("memberships").get(0).path("role").asString()).isEqualTo("STAFF");

        var staffAdds = http.post("/api/v1/organizations/" + orgId + "/members", staffToken, Http.json(Map.of("email", uniqueEmail(), "role", "OWNER")));
        assertThat(staffAdds.status()).isEqualTo(403);
        String stranger = newUser(http).path("access_token").asString();
        var strangerAdds = http.post("/api/v1/organizations/" + orgId + "/members", stranger, Http.json(Map.of("email", staffEmail, "role", "OWNER")));
        assertThat(strangerAdds.status()).isEqualTo(403);
        assertThat(strangerAdds.code()).isEqualTo("PERMISSION_DENIED");

        var missing = http.post("/api/v1/organizations/" + UUID.randomUUID() + "/members", owner, Http.json(Map.of("email", staffEmail, "role", "STAFF")));
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void ownersListAndRemoveMembersAndTheLastOwnerStays() {
        Http http = http();
        String owner = newUser(http).path("access_token").asString();
        String orgId = http.post("/api/v1/organizations", owner, Http.json(Map.of("name", "Old Vic"))).json().path("id").asString();
        String ownerId = http.get("/api/v1/me", owner).json().path("id").asString();
        String staffEmail = uniqueEmail();
        http.post("/api/v1/auth/register", null, Http.json(Map.of("email", staffEmail, "password", PASSWORD, "name", "Sam")));
        String staffId = http.post("/api/v1/organizations/" + orgId + "/members", owner, Http.json(Map.of("email", staffEmail, "role", "STAFF")))
                .json().path("user_id").asString();

        var members = http.get("/api/v1/organizations/" + orgId + "/members", owner);
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json().path("members").valueStream().map(m -> m.path("user_id").asString() + ":" + m.path("role").asString()))
                .containsExactly(ownerId + ":OWNER", staffId + ":STAFF");
        assertThat(members.json().path("members").get(1).path("email").asString()).isEqualTo(staffEmail);
        String staffToken = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", staffEmail, "password", PASSWORD)))
                .json().path("access_token").asString();
        assertThat(http.get("/api/v1/organizations/" + orgId + "/members", staffToken).status()).as("staff do not list the team").isEqualTo(403);
        assertThat(http.delete("/api/v1/organizations/" + orgId + "/members/" + ownerId, staffToken).status()).isEqualTo(403);

        var lastOwner = http.delete("/api/v1/organizations/" + orgId + "/members/" + ownerId, owner);
        assertThat(lastOwner.status()).isEqualTo(409);
        assertThat(lastOwner.code()).isEqualTo("INVALID_STATE");
        var demoted = http.post("/api/v1/organizations/" + orgId + "/members", owner,
                Http.json(Map.of("email", http.get("/api/v1/me", owner).json().path("email").asString(), "role", "STAFF")));
        assertThat(demoted.status()).as("nor made STAFF").isEqualTo(409);

        assertThat(http.delete("/api/v1/organizations/" + orgId + "/members/" + staffId, owner).status()).isEqualTo(204);
        assertThat(http.delete("/api/v1/organizations/" + orgId + "/members/" + staffId, owner).status()).as("again: nothing changes").isEqualTo(204);
        assertThat(http.get("/api/v1/organizations/" + orgId + "/members", owner).json().path("members").size()).isEqualTo(1);
        var revoked = awaitStatus(http, "/api/v1/me", staffToken, 401);
        assertThat(revoked.status()).as("the token carrying the role is refused").isEqualTo(401);
        assertThat(revoked.json().path("detail").asString()).contains("revoked");
        String afterwards = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", staffEmail, "password", PASSWORD)))
                .json().path("access_token").asString();
        assertThat(http.get("/api/v1/me", afterwards).json().path("memberships").size()).as("the membership is gone").isZero();
        assertThat(http.get("/api/v1/organizations/" + UUID.randomUUID() + "/members", owner).status()).isEqualTo(404);
    }

    @Test
    void anOwnerMadeStaffLosesTheTokensThatSayOwner() {
        Http http = http();
        String owner = newUser(http).path("access_token").asString();
        String orgId = http.post("/api/v1/organizations", owner, Http.json(Map.of("name", "Young Vic"))).json().path("id").asString();
        String email = uniqueEmail();
        http.post("/api/v1/auth/register", null, Http.json(Map.of("email", email, "password", PASSWORD, "name", "Kit")));
        http.post("/api/v1/organizations/" + orgId + "/members", owner, Http.json(Map.of("email", email, "role", "OWNER")));
        String asOwner = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", email, "password", PASSWORD)))
                .json().path("access_token").asString();
        assertThat(http.get("/api/v1/organizations/" + orgId + "/members", asOwner).status()).isEqualTo(200);

        assertThat(http.post("/api/v1/organizations/" + orgId + "/members", owner, Http.json(Map.of("email", email, "role", "STAFF")))
                .status()).isEqualTo(200);
        assertThat(awaitStatus(http, "/api/v1/me", asOwner, 401).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/me", owner).status()).as("the OWNER who made the change").isEqualTo(200);
        String asStaff = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", email, "password", PASSWORD)))
                .json().path("access_token").asString();
        assertThat(http.get("/api/v1/organizations/" + orgId + "/members", asStaff).status()).isEqualTo(403);
    }

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheFirstResponse() {
        Http http = http();
        String body = Http.json(Map.of("email", uniqueEmail(), "password", PASSWORD, "name", "Once"));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        var first = http.post("/api/v1/auth/register", null, body, key);
        var second = http.post("/api/v1/auth/register", null, body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.raw().body()).isEqualTo(first.raw().body());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");

        var otherBody = http.post("/api/v1/auth/register", null, Http.json(Map.of("email", uniqueEmail(), "password", PASSWORD, "name", "Twice")), key);
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void responsesCarryTheRequestId() {
        var response = http().post("/api/v1/auth/login", null, Http.json(Map.of("email", uniqueEmail(), "password", PASSWORD)),
                Map.of("X-Request-Id", "client-chosen-1"));
        assertThat(response.header("X-Request-Id")).isEqualTo("client-chosen-1");
        assertThat(response.json().path("request_id").asString()).isEqualTo("client-chosen-1");
    }
}
