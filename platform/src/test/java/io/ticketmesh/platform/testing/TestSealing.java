package io.ticketmesh.platform.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.ticketmesh.platform.crypto.SecretOpener;
import io.ticketmesh.platform.crypto.SecretSealer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The tests' sealing key pair (one a test JVM): its halves as the settings take them, for the services under test,
 * and the tests' own view of what a sealed secret holds (as workers would open it) or of a secret sealed for workers.
 */
public final class TestSealing {
    private static final KeyPair PAIR = generate();
    private static final SecretSealer SEALER = SecretSealer.of(publicKey());
    private static final SecretOpener OPENER = SecretOpener.of(privateKey(), "");

    private TestSealing() {}

    /** {@code ticketmesh.sealing.public-key}: where secrets are sealed. */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(PAIR.getPublic().getEncoded());
    }

    /** {@code ticketmesh.sealing.private-key}: workers', which open them. */
    public static String privateKey() {
        return Base64.getEncoder().encodeToString(PAIR.getPrivate().getEncoded());
    }

    public static String open(ByteString sealed, FieldDescriptor field) {
        return OPENER.open(sealed, field);
    }

    public static ByteString seal(String secret, FieldDescriptor field) {
        return SEALER.seal(secret, field);
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
