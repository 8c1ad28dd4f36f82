package io.ticketmesh.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretOpenerTest {
    /** A field to seal for: the purpose is its full name, whatever its type. */
    private static final FieldDescriptor FIELD = Timestamp.getDescriptor().findFieldByName("seconds");

    private static KeyPair pair() throws Exception {
        return KeyPairGenerator.getInstance("X25519").generateKeyPair();
    }

    private static String base64(byte[] encoded) {
        return Base64.getEncoder().encodeToString(encoded);
    }

    @Test
    void whileAKeyPairReplacesTheOldSecretsSealedToEitherOpenAndToNeitherDoNot() throws Exception {
        KeyPair old = pair();
        KeyPair current = pair();
        KeyPair older = pair();
        SecretOpener opener = SecretOpener.of(base64(current.getPrivate().getEncoded()),
                " " + base64(older.getPrivate().getEncoded()) + "," + base64(old.getPrivate().getEncoded()) + ", ");
        SecretSealer before = SecretSealer.of(base64(old.getPublic().getEncoded()));
        SecretSealer after = SecretSealer.of(base64(current.getPublic().getEncoded()));
        assertThat(opener.open(before.seal("sealed before the publishers moved on", FIELD), FIELD)).isEqualTo("sealed before the publishers moved on");
        assertThat(opener.open(after.seal("sealed after", FIELD), FIELD)).isEqualTo("sealed after");
        SecretSealer stranger = SecretSealer.of(base64(pair().getPublic().getEncoded()));
        assertThatThrownBy(() -> opener.open(stranger.seal("to another key", FIELD), FIELD)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SecretOpener.of(base64(current.getPrivate().getEncoded()), "").open(after.seal("alone", FIELD), FIELD)).isEqualTo("alone");
    }

    @Test
    void aMissingOrMalformedKeyStopsTheServiceNamingItsSetting() {
        assertThatThrownBy(() -> SecretOpener.of("", "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TICKETMESH_SEALING_PRIVATE_KEY").hasMessageContaining("missing");
        assertThatThrownBy(() -> SecretSealer.of(" ")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TICKETMESH_SEALING_PUBLIC_KEY");
        assertThatThrownBy(() -> SecretOpener.of(base64(new byte[48]), "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TICKETMESH_SEALING_PRIVATE_KEY").hasMessageContaining("X25519 private key");
    }

    @Test
    void aMalformedPreviousKeyIsNamedAsSuch() throws Exception {
        String current = base64(pair().getPrivate().getEncoded());
        assertThatThrownBy(() -> SecretOpener.of(current, "not-a-key")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TICKETMESH_SEALING_PREVIOUS_PRIVATE_KEYS");
    }
}
