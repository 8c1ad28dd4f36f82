package io.ticketmesh.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingKeysTest {

    @Test
    void aPairIsMadeOnTheFirstStartKeptForTheNextAndItsPrivateHalfReadableByItsOwnerAlone(@TempDir Path data) throws Exception {
        SealingKeys first = SealingKeys.in(data.resolve("stack"));
        assertThat(SealingKeys.in(data.resolve("stack"))).as("the next start").isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("stack").resolve(SealingKeys.PRIVATE_FILE))))
                .isEqualTo("rw-------");
        KeyFactory x25519 = KeyFactory.getInstance("X25519");
        assertThat(x25519.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(first.publicKey()))).getAlgorithm())
                .isEqualTo("XDH");
        assertThat(x25519.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(first.privateKey()))).getAlgorithm())
                .isEqualTo("XDH");
        assertThat(SealingKeys.in(data.resolve("another"))).as("another stack's").isNotEqualTo(first);
    }
}
