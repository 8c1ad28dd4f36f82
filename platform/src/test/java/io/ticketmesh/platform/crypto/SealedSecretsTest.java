package io.ticketmesh.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SealedSecretsTest {
    private static final String PURPOSE = "ticketmesh.identity.v1.PasswordResetRequested.sealed_reset_token";
    /** RFC 7748's Alice (section 6.1), in the encodings openssl writes: PKCS#8 and SubjectPublicKeyInfo. */
    private static final String ALICE_PRIVATE = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(
            "302e020100300506032b656e04220420" + "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    private static final String ALICE_PUBLIC = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(
            "302a300506032b656e032100" + "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));

    private static KeyPair pair() throws Exception {
        return KeyPairGenerator.getInstance("X25519").generateKeyPair();
    }

    @Test
    void aSealedSecretOpensWithItsRecipientsKeyForItsPurposeAndIsNewEachTime() throws Exception {
        KeyPair workers = pair();
        String secret = OpaqueSecrets.next();
        ByteString sealed = SealedSecrets.seal(secret, workers.getPublic(), PURPOSE);
        assertThat(sealed.size()).as("format, one-off key, the secret, the tag").isEqualTo(1 + 32 + secret.length() + 16);
        assertThat(sealed.toStringUtf8()).doesNotContain(secret);
        assertThat(SealedSecrets.open(sealed, workers.getPrivate(), PURPOSE)).isEqualTo(secret);
        assertThat(SealedSecrets.seal(secret, workers.getPublic(), PURPOSE)).as("a one-off key each time").isNotEqualTo(sealed);
    }

    @Test
    void itDoesNotOpenWithAnotherKeyForAnotherPurposeAltered() throws Exception {
        KeyPair workers = pair();
        ByteString sealed = SealedSecrets.seal("the reset token", workers.getPublic(), PURPOSE);
        PrivateKey other = pair().getPrivate();
        assertThatThrownBy(() -> SealedSecrets.open(sealed, other, PURPOSE)).as("another key").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedSecrets.open(sealed, workers.getPrivate(), "ticketmesh.ticket.v1.TicketOffered.sealed_token"))
                .as("another purpose").isInstanceOf(IllegalArgumentException.class);
        byte[] altered = sealed.toByteArray();
        altered[altered.length - 20] ^= 1;
        assertThatThrownBy(() -> SealedSecrets.open(ByteString.copyFrom(altered), workers.getPrivate(), PURPOSE)).as("altered")
                .isInstanceOf(IllegalArgumentException.class);
        for (ByteString notSealed : new ByteString[] {ByteString.EMPTY, ByteString.copyFromUtf8("the reset token"), sealed.substring(0, 40)}) {
            assertThatThrownBy(() -> SealedSecrets.open(notSealed, workers.getPrivate(), PURPOSE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a sealed secret");
        }
    }

    @Test
    void keysAreReadAsOpensslWritesThemAndTheRecipientsPublicHalfIsFoundFromItsPrivateKey() {
        PublicKey recipient = SealedSecrets.publicKey(ALICE_PUBLIC);
        PrivateKey key = SealedSecrets.privateKey(ALICE_PRIVATE + "\n");
        assertThat(SealedSecrets.open(SealedSecrets.seal("tok+en/1", recipient, PURPOSE), key, PURPOSE)).isEqualTo("tok+en/1");
        assertThatThrownBy(() -> SealedSecrets.publicKey("not base64!")).hasMessageContaining("X25519 public key");
        assertThatThrownBy(() -> SealedSecrets.publicKey(ALICE_PRIVATE)).hasMessageContaining("X25519 public key");
        assertThatThrownBy(() -> SealedSecrets.privateKey(ALICE_PUBLIC)).hasMessageContaining("X25519 private key");
    }
}
