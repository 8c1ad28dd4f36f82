package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.auth.RevocationFeed;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.identity.v1.PasswordChangeMethod;
import io.ticketmesh.proto.identity.v1.PasswordChanged;
import io.ticketmesh.proto.identity.v1.PasswordResetRequested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A forgotten password reset through the link workers mail (read here from the event that carries it), and a password
 * changed by its signed-in owner: who is signed out, which links stop working, what is published.
 */
class PasswordResetTest extends GatewayTestBase {
    private static final String TOPIC = "ticketmesh.identity";
    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "purple staple orbit";

    @Autowired
    DSLContext dsl;

    @Autowired
    RevocationFeed revocationFeed;

    private record Account(String id, String email, String accessToken, String refreshToken) {}

    @Test
    void aResetLinkSetsANewPasswordOnceAndSignsEverySessionOut() {
        Http http = http();
        Account account = register(http);
        assertThat(http.post("/api/v1/auth/password-reset", null, Http.json(Map.of("email", account.email().toUpperCase())))
                .status()).isEqualTo(202);

        PasswordResetRequested requested = resetsOf(account, 1).getFirst();
        assertThat(requested.getEmail()).isEqualTo(account.email());
        assertThat(SealedLinks.reset(requested)).as("sealed for workers").matches("[A-Za-z0-9_-]{43}");
        assertThat(requested.toByteString().toStringUtf8()).as("never in the clear on the topic").doesNotContain(SealedLinks.reset(requested));
        assertThat(Instant.ofEpochSecond(requested.getExpiresAt().getSeconds()))
                .isBetween(Instant.now().plusSeconds(25 * 60), Instant.now().plusSeconds(31 * 60));
        assertThat(dsl.fetchCount(dsl.selectFrom("password_resets").where("token_hash = sha256(convert_to(?, 'UTF8'))",
                SealedLinks.reset(requested)))).as("stored as its hash").isOne();

        var weak = confirm(http, SealedLinks.reset(requested), "password123");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.code()).isEqualTo("WEAK_PASSWORD");
        assertThat(confirm(http, SealedLinks.reset(requested), NEW_PASSWORD).status()).as("a refused password leaves the link usable")
                .isEqualTo(204);

        var again = confirm(http, SealedLinks.reset(requested), "another fine phrase");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("RESET_TOKEN_INVALID");
        assertThat(again.json().path("errors").get(0).path("field").asString()).isEqualTo("token");
        assertThat(refresh(http, account.refreshToken()).status()).as("signed out everywhere").isEqualTo(401);
        assertThat(awaitStatus(http, "/api/v1/me", account.accessToken(), 401).status()).as("access tokens too, once the"
                + " revocation is read back from Kafka").isEqualTo(401);
        assertThat(login(http, account.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(login(http, account.email(), NEW_PASSWORD).status()).isEqualTo(200);

        List<ReceivedEvent> events = KafkaTestEvents.read(TOPIC, account.id(), 2);
        assertThat(events).hasSize(2);
        PasswordChanged changed = events.get(1).payload(PasswordChanged.parser());
        assertThat(changed.getMethod()).isEqualTo(PasswordChangeMethod.PASSWORD_CHANGE_METHOD_RESET);
        assertThat(changed.getEmail()).isEqualTo(account.email());
        assertThat(changed.getMetadata().getAggregateVersion()).isGreaterThan(requested.getMetadata().getAggregateVersion());
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoLink() {
        Http http = http();
        int before = dsl.fetchCount(dsl.selectFrom("password_resets"));
        var unknown = http.post("/api/v1/auth/password-reset", null, Http.json(Map.of("email", uniqueEmail())));
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.raw().body()).isEmpty();
        assertThat(dsl.fetchCount(dsl.selectFrom("password_resets"))).isEqualTo(before);

        var malformed = http.post("/api/v1/auth/password-reset", null, Http.json(Map.of("email", "not-an-address")));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
    }

    @Test
    void theAnswerComesBeforeTheRequestIsCarriedOutSoItsTimingTellsNothing() throws Exception {
        Http http = http();
        Account account = register(http);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> dsl.transaction(tx -> {
            tx.dsl().execute("select 1 from users where id = ?::uuid for update", account.id());
            locked.countDown();
            release.await();
        }));
        locked.await();
        try {
            // carried out before its answer, the request would wait here for the account's lock, which this test holds
            var answer = CompletableFuture.supplyAsync(() -> http.post("/api/v1/auth/password-reset", null,
                    Http.json(Map.of("email", account.email())))).get(60, TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(202);
            assertThat(dsl.fetchCount(dsl.selectFrom("password_resets").where("user_id = ?::uuid", account.id())))
                    .as("not carried out yet").isZero();
        } finally {
            release.countDown();
            holder.join();
        }
        assertThat(resetsOf(account, 1)).as("carried out once the account is free").hasSize(1);
    }

    @Test
    void anAccountIsMailedAtMostThreeLinksAnHour() {
        Http http = http();
        Account account = register(http);
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/api/v1/auth/password-reset", null, Http.json(Map.of("email", account.email()))).status())
                    .isEqualTo(202);
        }
        assertThat(resetsOf(account, 3)).hasSize(3);
    }

    @Test
    void expiredLinksAndLinksMailedBeforeAChangeNoLongerWork() {
        Http http = http();
        Account account = register(http);
        for (int i = 0; i < 3; i++) {
            http.post("/api/v1/auth/password-reset", null, Http.json(Map.of("email", account.email())));
        }
        List<PasswordResetRequested> links = resetsOf(account, 3);
        dsl.execute("update password_resets set expires_at = now() - interval '1 second' where user_id = ?::uuid"
                + " and requested_at = (select min(requested_at) from password_resets where user_id = ?::uuid)", account.id(), account.id());

        assertThat(confirm(http, SealedLinks.reset(links.get(0)), NEW_PASSWORD).code()).as("expired").isEqualTo("RESET_TOKEN_INVALID");
        assertThat(confirm(http, SealedLinks.reset(links.get(2)), NEW_PASSWORD).status()).isEqualTo(204);
        assertThat(confirm(http, SealedLinks.reset(links.get(1)), "another fine phrase").code()).as("mailed before the change")
                .isEqualTo("RESET_TOKEN_INVALID");
        assertThat(confirm(http, "not-a-token-at-all", NEW_PASSWORD).code()).isEqualTo("RESET_TOKEN_INVALID");
    }

    @Test
    void ofManyUsesOfOneLinkAtOnceOneChangesThePassword() throws Exception {
        Http http = http();
        Account account = register(http);
        http.post("/api/v1/auth/password-reset", null, Http.json(Map.of("email", account.email())));
        String token = SealedLinks.reset(resetsOf(account, 1).getFirst());

        List<Callable<Integer>> uses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String password = NEW_PASSWORD + " " + i;
            uses.add(() -> confirm(http, token, password).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> status : pool.invokeAll(uses)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).containsOnly(204, 400);
        assertThat(statuses).filteredOn(status -> status == 204).hasSize(1);
        assertThat(KafkaTestEvents.read(TOPIC, account.id(), 2)).filteredOn(e -> e.is(PasswordChanged.getDescriptor())).hasSize(1);
    }

    /** As while Kafka is away: the gateway that made the change refuses the other sessions' tokens all the same. */
    @Test
    void withoutTheRevocationFeedThisGatewayRefusesTheOtherSessionsAtOnce() {
        Http http = http();
        Account account = register(http);
        String other = login(http, account.email(), PASSWORD).json().path("access_token").asString();
        String here = login(http, account.email(), PASSWORD).json().path("access_token").asString();
        revocationFeed.stop();
        try {
            assertThat(change(http, here, PASSWORD, NEW_PASSWORD).status()).isEqualTo(204);

            assertThat(http.get("/api/v1/me", other).status()).as("another session's access token").isEqualTo(401);
            assertThat(http.get("/api/v1/me", here).status()).as("this session's").isEqualTo(200);
        } finally {
            revocationFeed.start();
        }
    }

    @Test
    void changingThePasswordKeepsThisSessionAndEndsTheOthers() {
        Http http = http();
        Account account = register(http);
        var other = login(http, account.email(), PASSWORD).json();
        var here = login(http, account.email(), PASSWORD).json();
        String token = here.path("access_token").asString();

        var wrong = change(http, token, "not the password", NEW_PASSWORD);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrong.json().path("errors").get(0).path("field").asString()).isEqualTo("current_password");
        assertThat(change(http, token, PASSWORD, PASSWORD).json().path("errors").get(0).path("field").asString()).isEqualTo("new_password");
        var weak = change(http, token, PASSWORD, "1234567890");
        assertThat(weak.code()).isEqualTo("WEAK_PASSWORD");
        assertThat(weak.json().path("errors").get(0).path("field").asString()).isEqualTo("new_password");
        assertThat(http.post("/api/v1/me/password", null, Http.json(Map.of("current_password", PASSWORD, "new_password", NEW_PASSWORD)))
                .status()).isEqualTo(401);

        assertThat(change(http, token, PASSWORD, NEW_PASSWORD).status()).isEqualTo(204);
        long version = versionOf(account);
        assertThat(change(http, token, PASSWORD, NEW_PASSWORD).status()).as("a retry of the change").isEqualTo(204);
        assertThat(versionOf(account)).as("the retry changed nothing").isEqualTo(version);
        assertThat(awaitStatus(http, "/api/v1/me", other.path("access_token").asString(), 401).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/me", token).status()).as("this session's access token").isEqualTo(200);
        assertThat(refresh(http, here.path("refresh_token").asString()).status()).as("this session").isEqualTo(200);
        assertThat(refresh(http, other.path("refresh_token").asString()).status()).as("another session").isEqualTo(401);
        assertThat(refresh(http, account.refreshToken()).status()).isEqualTo(401);
        assertThat(login(http, account.email(), NEW_PASSWORD).status()).isEqualTo(200);

        PasswordChanged changed = KafkaTestEvents.read(TOPIC, account.id(), 1).getFirst().payload(PasswordChanged.parser());
        assertThat(changed.getMethod()).isEqualTo(PasswordChangeMethod.PASSWORD_CHANGE_METHOD_CHANGE);
    }

    private Account register(Http http) {
        String email = uniqueEmail();
        var registered = http.post("/api/v1/auth/register", null, Http.json(Map.of("email", email, "password", PASSWORD, "name", "Grace Hopper")));
        assertThat(registered.status()).isEqualTo(201);
        var session = login(http, email, PASSWORD).json();
        return new Account(registered.json().path("id").asString(), email, session.path("access_token").asString(),
                session.path("refresh_token").asString());
    }

    private long versionOf(Account account) {
        return ((Number) dsl.fetchValue("select version from users where id = ?::uuid", account.id())).longValue();
    }

    /** The account's reset links as workers would get them, oldest first. */
    private static List<PasswordResetRequested> resetsOf(Account account, int expected) {
        return KafkaTestEvents.read(TOPIC, account.id(), expected).stream()
                .filter(e -> e.is(PasswordResetRequested.getDescriptor()))
                .map(e -> e.payload(PasswordResetRequested.parser())).toList();
    }

    private static Http.Response confirm(Http http, String token, String password) {
        return http.post("/api/v1/auth/password-reset/confirm", null, Http.json(Map.of("token", token, "password", password)));
    }

    private static Http.Response change(Http http, String accessToken, String current, String next) {
        return http.post("/api/v1/me/password", accessToken, Http.json(Map.of("current_password", current, "new_password", next)));
    }

    private static Http.Response login(Http http, String email, String password) {
        return http.post("/api/v1/auth/login", null, Http.json(Map.of("email", email, "password", password)));
    }

    private static Http.Response refresh(Http http, String refreshToken) {
        return http.post("/api/v1/auth/refresh", null, Http.json(Map.of("refresh_token", refreshToken)));
    }
}
