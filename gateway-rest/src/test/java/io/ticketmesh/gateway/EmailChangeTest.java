package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.identity.v1.EmailChangeRequested;
import io.ticketmesh.proto.identity.v1.EmailChanged;
import io.ticketmesh.proto.identity.v1.PasswordResetRequested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An account moved to another address by the link mailed there (read here from the event that carries it): nothing
 * changes until it is used, then the account signs in with the new address, the old one is told, and tokens naming the
 * old address give way to ones naming the new.
 */
class EmailChangeTest extends GatewayTestBase {
    private static final String TOPIC = "ticketmesh.identity";

    @Autowired
    DSLContext dsl;

    @Test
    void theAddressChangesWhenTheLinkMailedToItIsUsed() throws Exception {
        Http http = http();
        Account account = register(http);
        String next = uniqueEmail();
        assertThat(ask(http, account, next.toUpperCase(), PASSWORD).status()).isEqualTo(202);

        EmailChangeRequested requested = linksOf(account, 1).getFirst();
        assertThat(requested.getNewEmail()).isEqualTo(next);
        assertThat(requested.getEmail()).as("the address told of the request").isEqualTo(account.email());
        assertThat(SealedLinks.confirmation(requested)).as("sealed for workers").matches("[A-Za-z0-9_-]{43}");
        assertThat(requested.toByteString().toStringUtf8()).as("never in the clear on the topic")
                .doesNotContain(SealedLinks.confirmation(requested));
        assertThat(Instant.ofEpochSecond(requested.getExpiresAt().getSeconds()))
                .isBetween(Instant.now().plusSeconds(23 * 3600), Instant.now().plusSeconds(25 * 3600));
        assertThat(dsl.fetchCount(dsl.selectFrom("email_changes").where("token_hash = sha256(convert_to(?, 'UTF8'))",
                SealedLinks.confirmation(requested)))).as("stored as its hash").isOne();
        assertThat(http.get("/api/v1/me", account.accessToken()).json().path("email").asString()).as("not before it is confirmed")
                .isEqualTo(account.email());

        assertThat(confirm(http, SealedLinks.confirmation(requested)).status()).isEqualTo(204);
        assertThat(confirm(http, SealedLinks.confirmation(requested)).status()).as("a retry").isEqualTo(204);
        assertThat(login(http, account.email()).status()).isEqualTo(401);
        JsonNode session = login(http, next).json();
        assertThat(http.get("/api/v1/me", session.path("access_token").asString()).json().path("email").asString()).isEqualTo(next);
        assertThat(awaitStatus(http, "/api/v1/me", account.accessToken(), 401).status())
                .as("a token naming the old address, once the revocation is read back").isEqualTo(401);
        String refreshed = refresh(http, account.session().path("refresh_token").asString()).json().path("access_token").asString();
        assertThat(SignedJWT.parse(refreshed).getJWTClaimsSet().getStringClaim("email")).as("the session stays, with the new address")
                .isEqualTo(next);

        List<ReceivedEvent> events = KafkaTestEvents.read(TOPIC, account.id(), 2);
        EmailChanged changed = events.get(1).payload(EmailChanged.parser());
        assertThat(changed.getOldEmail()).isEqualTo(account.email());
        assertThat(changed.getNewEmail()).isEqualTo(next);
        assertThat(changed.getMetadata().getAggregateVersion()).isGreaterThan(requested.getMetadata().getAggregateVersion());
        assertThat(register(http, account.email()).id()).as("the old address is free for another account").isNotEqualTo(account.id());
    }

    @Test
    void aChangeIsRefusedWithTheReasonAndNothingIsMailed() {
        Http http = http();
        Account account = register(http);
        Account other = register(http);

        var wrong = ask(http, account, uniqueEmail(), "not the password");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrong.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        var same = ask(http, account, " " + account.email().toUpperCase() + " ", PASSWORD);
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
        var taken = ask(http, account, other.email(), PASSWORD);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("EMAIL_TAKEN");
        assertThat(ask(http, account, "not an address", PASSWORD).status()).isEqualTo(400);
        assertThat(http.post("/api/v1/me/email", null, Http.json(Map.of("email", uniqueEmail(), "password", PASSWORD))).status())
                .isEqualTo(401);
        assertThat(dsl.fetchCount(dsl.selectFrom("email_changes").where("user_id = ?::uuid", account.id()))).isZero();

        var unknown = confirm(http, "not-a-token-at-all");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("EMAIL_TOKEN_INVALID");
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("token");
    }

    @Test
    void linksExpireTheOthersAreUsedUpAndAnAddressTakenMeanwhileIsRefused() {
        Http http = http();
        Account account = register(http);
        String first = uniqueEmail();
        String second = uniqueEmail();
        ask(http, account, first, PASSWORD);
        ask(http, account, second, PASSWORD);
        http.post("/api/v1/auth/password-reset", null, Http.json(Map.of("email", account.email())));
        List<ReceivedEvent> events = KafkaTestEvents.read(TOPIC, account.id(), 3);
        List<EmailChangeRequested> links = events.stream().filter(e -> e.is(EmailChangeRequested.getDescriptor()))
                .map(e -> e.payload(EmailChangeRequested.parser())).toList();
        String reset = events.stream().filter(e -> e.is(PasswordResetRequested.getDescriptor()))
                .map(e -> SealedLinks.reset(e.payload(PasswordResetRequested.parser()))).findFirst().orElseThrow();
        assertThat(ask(http, account, uniqueEmail(), PASSWORD).status()).as("the third this hour").isEqualTo(202);
        var fourth = ask(http, account, uniqueEmail(), PASSWORD);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.code()).isEqualTo("RATE_LIMITED");

        register(http, first);
        var taken = confirm(http, SealedLinks.confirmation(links.get(0)));
        assertThat(taken.status()).as("registered by someone else meanwhile").isEqualTo(409);
        assertThat(taken.code()).isEqualTo("EMAIL_TAKEN");

        assertThat(confirm(http, SealedLinks.confirmation(links.get(1))).status()).isEqualTo(204);
        assertThat(confirm(http, SealedLinks.confirmation(links.get(0))).code()).as("used up by the change").isEqualTo("EMAIL_TOKEN_INVALID");
        assertThat(http.post("/api/v1/auth/password-reset/confirm", null, Http.json(Map.of("token", reset, "password",
                "purple staple orbit"))).code()).as("a reset link mailed to the old address").isEqualTo("RESET_TOKEN_INVALID");

        dsl.execute("update email_changes set expires_at = now() - interval '1 second', used_at = null where user_id = ?::uuid",
                account.id());
        assertThat(confirm(http, SealedLinks.confirmation(links.get(0))).code()).as("expired").isEqualTo("EMAIL_TOKEN_INVALID");
    }

    @Test
    void aPasswordChangedUsesUpTheAddressChangesAskedFor() {
        Http http = http();
        Account account = register(http);
        ask(http, account, uniqueEmail(), PASSWORD);
        String token = SealedLinks.confirmation(linksOf(account, 1).getFirst());
        assertThat(http.post("/api/v1/me/password", account.accessToken(), Http.json(Map.of("current_password", PASSWORD,
                "new_password", "purple staple orbit"))).status()).isEqualTo(204);
        assertThat(confirm(http, token).code()).as("whoever had the old password cannot move the account").isEqualTo("EMAIL_TOKEN_INVALID");
    }

    @Test
    void ofManyUsesOfOneLinkAtOnceOneChangesTheAddress() throws Exception {
        Http http = http();
        Account account = register(http);
        ask(http, account, uniqueEmail(), PASSWORD);
        String token = SealedLinks.confirmation(linksOf(account, 1).getFirst());
        List<Callable<Integer>> uses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            uses.add(() -> confirm(http, token).status());
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> use : pool.invokeAll(uses)) {
                assertThat(use.get()).as("each answered as the change").isEqualTo(204);
            }
        }
        List<ReceivedEvent> events = KafkaTestEvents.read(TOPIC, account.id(), 2);
        assertThat(events.stream().filter(e -> e.is(EmailChanged.getDescriptor()))).as("changed once").hasSize(1);
    }

    private Account register(Http http) {
        return register(http, uniqueEmail());
    }

    private static List<EmailChangeRequested> linksOf(Account account, int expected) {
        return KafkaTestEvents.read(TOPIC, account.id(), expected).stream()
                .filter(e -> e.is(EmailChangeRequested.getDescriptor()))
                .map(e -> e.payload(EmailChangeRequested.parser())).toList();
    }

    private static Http.Response ask(Http http, Account account, String email, String password) {
        return http.post("/api/v1/me/email", account.accessToken(), Http.json(Map.of("email", email, "password", password)));
    }

    private static Http.Response confirm(Http http, String token) {
        return http.post("/api/v1/auth/email-confirmation", null, Http.json(Map.of("token", token)));
    }

    private static Http.Response refresh(Http http, String refreshToken) {
        return http.post("/api/v1/auth/refresh", null, Http.json(Map.of("refresh_token", refreshToken)));
    }
}
