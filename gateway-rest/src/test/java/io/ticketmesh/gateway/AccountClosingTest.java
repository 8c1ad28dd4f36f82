package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.identity.v1.AccessRevoked;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An account closed by its owner: deleted with its sessions, links and memberships, its tokens refused, the services
 * told to erase the customer's name and address; refused with a wrong password and while it is an organization's last
 * OWNER.
 */
class AccountClosingTest extends GatewayTestBase {
    private static final String CLOSURES = "ticketmesh.identity.closures";

    @Autowired
    DSLContext dsl;

    @Test
    void aClosedAccountIsGoneAndTheServicesAreToldToEraseIt() {
        Http http = http();
        Account account = register(http, uniqueEmail());
        Account owner = register(http, uniqueEmail());
        String organization = http.post("/api/v1/organizations", owner.accessToken(), Http.json(Map.of("name", "Closing Hall")))
                .json().path("id").asString();
        assertThat(http.post("/api/v1/organizations/" + organization + "/members", owner.accessToken(),
                Http.json(Map.of("email", account.email(), "role", "STAFF"))).status()).isIn(200, 201);
        http.post("/api/v1/auth/password-reset", null, Http.json(Map.of("email", account.email())));
        awaitPasswordResets(dsl, account.id(), 1);
        String otherSession = login(http, account.email()).json().path("access_token").asString();
        assertThat(http.post("/api/v1/auth/logout", otherSession, null, Map.of("Idempotency-Key", "closing-" + account.id())).status())
                .as("an answer kept for its key").isEqualTo(204);
        String refreshToken = account.session().path("refresh_token").asString();

        assertThat(close(http, account, PASSWORD).status()).isEqualTo(204);

        AccountClosed closed = KafkaTestEvents.read(CLOSURES, account.id(), 1).getFirst().payload(AccountClosed.parser());
        assertThat(closed.getUserId()).isEqualTo(account.id());
        assertThat(closed.getEmail()).isEqualTo(account.email());
        assertThat(closed.getName()).isEqualTo("Erin");
        AccessRevoked revoked = KafkaTestEvents.read("ticketmesh.identity.revocations", account.id(), 1).getLast()
                .payload(AccessRevoked.parser());
        assertThat(revoked.getReason()).isEqualTo("account closed");
        assertThat(closed.getMetadata().getAggregateVersion()).as("the account's last event")
                .isGreaterThan(revoked.getMetadata().getAggregateVersion());

        for (String table : List.of("users where id", "refresh_tokens where user_id", "password_resets where user_id",
                "memberships where user_id")) {
            assertThat(dsl.fetchValue("select count(*) from " + table + " = ?::uuid", account.id())).as(table).isEqualTo(0L);
        }
        assertThat(dsl.fetchValue("select count(*) from idempotency_records where scope = ?", "user:" + account.id()))
                .as("the answers kept for its keys").isEqualTo(0L);
        assertThat(login(http, account.email()).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/auth/refresh", null, Http.json(Map.of("refresh_token", refreshToken))).status()).isEqualTo(401);
        assertThat(awaitStatus(http, "/api/v1/me", account.accessToken(), 401).status()).as("its access token, once revoked")
                .isEqualTo(401);
        assertThat(http.get("/api/v1/organizations/" + organization + "/members", owner.accessToken()).json().path("members")
                .findValuesAsString("email")).doesNotContain(account.email());
        assertThat(register(http, account.email()).id()).as("the address is free for a new account").isNotEqualTo(account.id());
    }

    @Test
    void aWrongPasswordOrTheLastOwnerIsRefusedAndNothingChanges() {
        Http http = http();
        Account account = register(http, uniqueEmail());
        var wrong = close(http, account, "not the password");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrong.json().path("errors").get(0).path("field").asString()).isEqualTo("password");

        String organization = http.post("/api/v1/organizations", account.accessToken(), Http.json(Map.of("name", "Sole Hall")))
                .json().path("id").asString();
        var lastOwner = close(http, account, PASSWORD);
        assertThat(lastOwner.status()).isEqualTo(409);
        assertThat(lastOwner.code()).isEqualTo("INVALID_STATE");
        assertThat(lastOwner.json().path("detail").asString()).contains(organization);
        assertThat(http.post("/api/v1/me/close", null, Http.json(Map.of("password", PASSWORD))).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/me/close", account.accessToken(), Http.json(Map.of())).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/me", account.accessToken()).status()).as("still open").isEqualTo(200);
        assertThat(login(http, account.email()).status()).isEqualTo(200);

        Account other = register(http, uniqueEmail());
        http.post("/api/v1/organizations/" + organization + "/members", account.accessToken(),
                Http.json(Map.of("email", other.email(), "role", "OWNER")));
        assertThat(close(http, account, PASSWORD).status()).as("once another OWNER is there").isEqualTo(204);
        assertThat(dsl.fetchValue("select count(*) from memberships where organization_id = ?::uuid and role = 'OWNER'", organization))
                .isEqualTo(1L);
    }

    @Test
    void ofManyClosingsAtOnceOneClosesTheAccount() throws Exception {
        Http http = http();
        Account account = register(http, uniqueEmail());
        List<Callable<Integer>> closings = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            closings.add(() -> close(http, account, PASSWORD).status());
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> closing : pool.invokeAll(closings)) {
                assertThat(closing.get()).as("closed, or refused once the token's revocation arrived").isIn(204, 401);
            }
        }
        assertThat(close(http, account, PASSWORD).status()).as("a retry after").isIn(204, 401);
        List<ReceivedEvent> events = KafkaTestEvents.read(CLOSURES, account.id(), 2, Duration.ofSeconds(3));
        assertThat(events).as("closed once").hasSize(1);
    }

    @Test
    void refreshesAndSignInsRacingTheClosingAreRefusedOrLandBeforeItAndNoSessionOutlivesIt() throws Exception {
        Http http = http();
        Account account = register(http, uniqueEmail());
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            refreshTokens.add(login(http, account.email()).json().path("refresh_token").asString());
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        refreshTokens.forEach(token -> calls.add(() -> http.post("/api/v1/auth/refresh", null,
                Http.json(Map.of("refresh_token", token))).status()));
        calls.add(() -> login(http, account.email()).status());
        calls.add(() -> close(http, account, PASSWORD).status());
        try (var pool = Executors.newFixedThreadPool(calls.size())) {
            List<Future<Integer>> answers = pool.invokeAll(calls);
            for (Future<Integer> answer : answers.subList(0, answers.size() - 1)) {
                assertThat(answer.get()).as("before the closing, or refused after it; never a failed write").isIn(200, 401);
            }
            assertThat(answers.getLast().get()).isEqualTo(204);
        }
        assertThat(dsl.fetchValue("select count(*) from refresh_tokens where user_id = ?::uuid", account.id()))
                .as("no session written after the closing").isEqualTo(0L);
    }

    private static Http.Response close(Http http, Account account, String password) {
        return http.post("/api/v1/me/close", account.accessToken(), Http.json(Map.of("password", password)));
    }
}
