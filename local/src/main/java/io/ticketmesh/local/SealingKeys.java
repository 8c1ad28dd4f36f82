package io.ticketmesh.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The local stack's X25519 key pair for the secrets events carry to workers (platform's {@code SealedSecrets}): made on
 * the first start and kept in the data directory, so that an event sealed before a restart opens after it:
 * {@code sealing-key.der} (PKCS#8, readable by its owner alone) and {@code sealing-key.pub.der} (SubjectPublicKeyInfo).
 * The settings take each half as base64 of those encodings, as a deployment's {@code .env} does.
 */
record SealingKeys(String publicKey, String privateKey) {
    static final String PRIVATE_FILE = "sealing-key.der";
    static final String PUBLIC_FILE = "sealing-key.pub.der";

    static SealingKeys in(Path dataDirectory) {
        Path privateFile = dataDirectory.resolve(PRIVATE_FILE);
        Path publicFile = dataDirectory.resolve(PUBLIC_FILE);
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                KeyPair made = KeyPairGenerator.getInstance("X25519").generateKeyPair();
                Files.createDirectories(dataDirectory);
                Files.deleteIfExists(privateFile);
                Files.write(Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                        made.getPrivate().getEncoded());
                Files.write(publicFile, made.getPublic().getEncoded());
            }
            return new SealingKeys(base64(Files.readAllBytes(publicFile)), base64(Files.readAllBytes(privateFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("the sealing key pair in " + dataDirectory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK from 11 on makes X25519 keys", e);
        }
    }

    private static String base64(byte[] encoded) {
        return Base64.getEncoder().encodeToString(encoded);
    }
}
