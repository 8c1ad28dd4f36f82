package io.ticketmesh.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets shown to their holder once and kept only as their SHA-256 (refresh and password reset tokens, ticket offers): 256
 * random bits as base64url, 43 characters. A database read does not give them away, and being random they need no
 * slow hash.
 */
public final class OpaqueSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueSecrets() {}

    public static String next() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** What is stored of the secret, and looked up by. */
    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
