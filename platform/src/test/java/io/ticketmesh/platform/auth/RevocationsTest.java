package io.ticketmesh.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import io.ticketmesh.proto.identity.v1.AccessRevoked;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationsTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00.700Z");
    private final Revocations revocations = new Revocations(Duration.ofHours(1));

    @Test
    void tokensIssuedBeforeTheRevocationAreRefusedButTheKeptSessions() {
        revocations.apply(revoked("ada", NOW, "kept"), NOW);
        assertThat(revocations.revoked("ada", "other", NOW.minusSeconds(1))).isTrue();
        assertThat(revocations.revoked("ada", null, NOW.minusSeconds(600))).isTrue();
        assertThat(revocations.revoked("ada", "kept", NOW.minusSeconds(1))).as("the session it was asked from").isFalse();
        assertThat(revocations.revoked("ada", "other", NOW.minusMillis(1))).as("a moment before").isTrue();
        assertThat(revocations.revoked("ada", "other", NOW)).as("issued as it was made").isFalse();
        assertThat(revocations.revoked("ada", "other", NOW.plusMillis(1))).as("issued after").isFalse();
        assertThat(revocations.revoked("grace", "other", NOW.minusSeconds(1))).as("another user").isFalse();
    }

    @Test
    void aTokenIsRefusedWhenAnyRevocationRefusesItWhateverOrderTheyArriveIn() {
        revocations.apply(revoked("ada", NOW, ""), NOW);
        revocations.apply(revoked("ada", NOW.minusSeconds(60), "kept"), NOW);
        assertThat(revocations.revoked("ada", "kept", NOW.minusSeconds(30))).as("the later one leaves out no session").isTrue();
        revocations.apply(revoked("ada", NOW.plusSeconds(60), "kept"), NOW);
        assertThat(revocations.revoked("ada", "kept", NOW.plusSeconds(30))).isFalse();
        assertThat(revocations.revoked("ada", "kept", NOW.minusSeconds(30)))
                .as("the session a later change was made from, issued before an earlier revocation of every session").isTrue();
        assertThat(revocations.revoked("ada", "other", NOW.plusSeconds(30))).isTrue();
        revocations.apply(revoked("ada", NOW.plusSeconds(90), "another"), NOW);
        assertThat(revocations.revoked("ada", "kept", NOW.plusSeconds(75))).as("a session the last one signed out").isTrue();
        assertThat(revocations.revoked("ada", "another", NOW.plusSeconds(30))).as("a session kept last, signed out before").isTrue();
        assertThat(revocations.revoked("ada", "another", NOW.plusSeconds(75))).isFalse();
    }

    @Test
    void aRevocationOfEverySessionReplacesTheEarlierOnes() {
        revocations.apply(revoked("ada", NOW.minusSeconds(60), "kept"), NOW);
        revocations.apply(revoked("ada", NOW.minusSeconds(30), "another"), NOW);
        assertThat(revocations.inForce("ada")).isEqualTo(2);
        revocations.apply(revoked("ada", NOW.minusSeconds(45), "kept"), NOW);
        assertThat(revocations.inForce("ada")).as("covered by one in force").isEqualTo(2);
        revocations.apply(revoked("ada", NOW, ""), NOW);
        assertThat(revocations.inForce("ada")).isOne();
        assertThat(revocations.revoked("ada", "kept", NOW.minusMillis(1))).isTrue();
    }

    @Test
    void revocationsOlderThanTheLongestTokenAreForgotten() {
        revocations.apply(revoked("ada", NOW.minus(Duration.ofMinutes(61)), ""), NOW);
        assertThat(revocations.size()).as("too old to refuse anything that has not expired").isZero();
        revocations.apply(revoked("grace", NOW.minus(Duration.ofMinutes(59)), ""), NOW);
        assertThat(revocations.size()).isOne();
        revocations.forgetExpired(NOW.plus(Duration.ofMinutes(2)));
        assertThat(revocations.size()).isZero();
    }

    static AccessRevoked revoked(String userId, Instant notBefore, String keptSession) {
        return AccessRevoked.newBuilder().setUserId(userId).setNotBefore(Timestamps.fromMillis(notBefore.toEpochMilli()))
                .setKeptSessionId(keptSession).setReason("test").build();
    }
}
