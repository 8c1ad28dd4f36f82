package io.ticketmesh.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.platform.testing.TestTokens;
import io.ticketmesh.proto.identity.v1.AccessRevoked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AccessRevoked events on real Kafka reach a verifier's revocations, also in a process that starts after them. */
class RevocationFeedTest {
    private static final Duration REMEMBERED = Duration.ofHours(1);
    private static TestTokens tokens;

    @BeforeAll
    static void start() {
        tokens = new TestTokens();
    }

    @AfterAll
    static void stop() {
        tokens.close();
    }

    @Test
    void aRevokedTokenIsRefusedWithinMomentsButTheKeptSessionsAndLaterOnes() throws Exception {
        Revocations revocations = new Revocations(REMEMBERED);
        JwtVerifier verifier = new JwtVerifier(new AuthProperties(tokens.jwksUrl(), TestTokens.ISSUER, TestTokens.AUDIENCE,
                Duration.ofMinutes(5)), revocations);
        RevocationFeed feed = feed(revocations);
        try {
            String user = UUID.randomUUID().toString();
            String before = token(user, "phone");
            String kept = token(user, "laptop");
            assertThat(verifier.verify(before).userId()).as("remembered as verified before the revocation").isEqualTo(user);

            publish(user, Instant.now(), "laptop");
            awaitRefused(verifier, before);
            assertThat(verifier.verify(kept).userId()).isEqualTo(user);

            String other = UUID.randomUUID().toString();
            publish(other, Instant.now().minusSeconds(30), "");
            String issuedAfter = token(other, "phone");
            awaitKnown(revocations, 2);
            assertThat(verifier.verify(issuedAfter).userId()).isEqualTo(other);

            Revocations later = new Revocations(REMEMBERED);
            RevocationFeed startedLater = feed(later);
            try {
                awaitKnown(later, 2);
                assertThat(later.revoked(user, "phone", Instant.now().minusSeconds(5))).isTrue();
            } finally {
                startedLater.stop();
            }
        } finally {
            feed.stop();
        }
        assertThat(feed.isRunning()).isFalse();
    }

    private static RevocationFeed feed(Revocations revocations) {
        RevocationFeed feed = new RevocationFeed(TestInfrastructure.kafka().bootstrapServers(), revocations, REMEMBERED, Clock.systemUTC());
        feed.start();
        return feed;
    }

    private static String token(String userId, String session) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(TestTokens.claims(userId, Map.of(), List.of(), Duration.ofMinutes(5)))
                .claim("sid", session).build();
        return TestTokens.sign(tokens.key(), claims);
    }

    private static void publish(String userId, Instant notBefore, String keptSession) {
        AccessRevoked revoked = RevocationsTest.revoked(userId, notBefore, keptSession).toBuilder()
                .setMetadata(EventMetadatas.next(userId, 1)).build();
        KafkaTestEvents.send(RevocationFeed.TOPIC, userId, revoked);
    }

    private static void awaitRefused(JwtVerifier verifier, String token) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                verifier.verify(token);
            } catch (DomainException refused) {
                assertThat(refused.kind()).isEqualTo(FailureKind.UNAUTHENTICATED);
                assertThat(refused).hasMessageContaining("revoked");
                return;
            }
            Thread.sleep(100);
        }
        assertThatThrownBy(() -> verifier.verify(token)).as("refused within 30 s").isInstanceOf(DomainException.class);
    }

    private static void awaitKnown(Revocations revocations, int users) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (revocations.size() < users && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(revocations.size()).isGreaterThanOrEqualTo(users);
    }
}
