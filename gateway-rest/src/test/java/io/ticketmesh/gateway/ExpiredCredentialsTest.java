package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.gateway.identity.ExpiredCredentials;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The sweep deletes expired refresh tokens and day-old password resets, and nothing still usable. */
class ExpiredCredentialsTest extends GatewayTestBase {
    @Autowired
    DSLContext dsl;

    @Autowired
    ExpiredCredentials sweep;

    @Test
    void spentCredentialsAreDeletedAndLiveOnesKept() {
        Http http = http();
        String email = uniqueEmail();
        String userId = http.post("/api/v1/auth/register", null, Http.json(Map.of("email", email, "password", "correct horse battery",
                "name", "Ada"))).json().path("id").asString();
        String expiring = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", email, "password", "correct horse battery")))
                .json().path("refresh_token").asString();
        String live = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", email, "password", "correct horse battery")))
                .json().path("refresh_token").asString();
        dsl.execute("update refresh_tokens set expires_at = now() - interval '1 second' where token_hash = sha256(convert_to(?, 'UTF8'))",
                expiring);
        for (int i = 0; i < 2; i++) {
            http.post("/api/v1/auth/password-reset", null, Http.json(Map.of("email", email)));
        }
        awaitPasswordResets(dsl, userId, 2);
        dsl.execute("update password_resets set requested_at = now() - interval '25 hours' where user_id = ?::uuid"
                + " and requested_at = (select min(requested_at) from password_resets where user_id = ?::uuid)", userId, userId);

        sweep.sweep();

        assertThat(dsl.fetchCount(dsl.selectFrom("refresh_tokens").where("user_id = ?::uuid", userId))).isOne();
        assertThat(dsl.fetchCount(dsl.selectFrom("password_resets").where("user_id = ?::uuid", userId))).isOne();
        assertThat(http.post("/api/v1/auth/refresh", null, Http.json(Map.of("refresh_token", live))).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/auth/refresh", null, Http.json(Map.of("refresh_token", expiring))).code())
                .isEqualTo("REFRESH_TOKEN_INVALID");
    }
}
