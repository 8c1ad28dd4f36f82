package io.ticketmesh.platform.crypto;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets an event carries for the one service that mails them (a password reset link's token, an email change's, a
 * ticket offer's), sealed to that service's X25519 public key so that nobody else who reads the topic can use them:
 * Kafka's topics are open to every consumer of the mesh.
 *
 * <p>A sealed secret is {@code 0x01} (the format), the raw 32-byte X25519 public key of a key pair made for it alone,
 * and the secret's UTF-8 under AES-256-GCM (its 16-byte tag last). The AES key (32 bytes) and nonce (12) are
 * HKDF-SHA256 of the X25519 shared secret, salted with the two public keys (the one-off key's, then the recipient's),
 * info {@code "ticketmesh sealed secret"}. The additional data is the secret's purpose (the event's and field's full
 * name), so a secret sealed for one field does not open as another's. Keys are configured base64 of their standard
 * encodings (X.509 SubjectPublicKeyInfo, PKCS#8), as {@code openssl genpkey -algorithm X25519} writes them.
 */
public final class SealedSecrets {
    private static final byte FORMAT = 1;
    private static final int KEY_LENGTH = 32;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    /** What precedes the 32 raw bytes in every X25519 SubjectPublicKeyInfo (RFC 8410). */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b656e032100");
    private static final byte[] INFO = "ticketmesh sealed secret".getBytes(StandardCharsets.US_ASCII);

    private SealedSecrets() {}

    /** The secret sealed to {@code recipient} for {@code purpose}. */
    public static ByteString seal(String secret, PublicKey recipient, String purpose) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
            KeyPair oneOff = generator.generateKeyPair();
            byte[] oneOffRaw = raw(oneOff.getPublic());
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, oneOff.getPrivate(), recipient, oneOffRaw, raw(recipient), purpose);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteString.copyFrom(ByteBuffer.allocate(1 + KEY_LENGTH + sealed.length).put(FORMAT).put(oneOffRaw).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519, HKDF-SHA256 and AES-GCM are in every JDK from 25 on", e);
        }
    }

    /**
     * The secret a {@link #seal} for {@code purpose} to this key's public half carries; IllegalArgumentException when it
     * is no such thing (another format, another key, another purpose, altered).
     */
    public static String open(ByteString sealed, PrivateKey key, String purpose) {
        byte[] bytes = sealed.toByteArray();
        if (bytes.length < 1 + KEY_LENGTH + TAG_BITS / 8 || bytes[0] != FORMAT) {
            throw new IllegalArgumentException("not a sealed secret (" + bytes.length + " bytes)");
        }
        byte[] oneOffRaw = Arrays.copyOfRange(bytes, 1, 1 + KEY_LENGTH);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, publicKey(oneOffRaw), oneOffRaw, publicHalf(key), purpose);
            return new String(cipher.doFinal(bytes, 1 + KEY_LENGTH, bytes.length - 1 - KEY_LENGTH), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret does not open with this key for " + purpose, e);
        }
    }

    /** An X25519 public key from base64 of its SubjectPublicKeyInfo. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64 of an X25519 public key (SubjectPublicKeyInfo)", e);
        }
    }

    /** An X25519 private key from base64 of its PKCS#8 encoding. */
    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("X25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64 of an X25519 private key (PKCS#8)", e);
        }
    }

    private static Cipher cipher(int mode, PrivateKey own, PublicKey other, byte[] oneOffRaw, byte[] recipientRaw, String purpose)
            throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(own);
        agreement.doPhase(other, true);
        byte[] salt = ByteBuffer.allocate(2 * KEY_LENGTH).put(oneOffRaw).put(recipientRaw).array();
        byte[] derived = KDF.getInstance("HKDF-SHA256").deriveData(HKDFParameterSpec.ofExtract()
                .addIKM(agreement.generateSecret()).addSalt(salt).thenExpand(INFO, KEY_LENGTH + NONCE_LENGTH));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(derived, 0, KEY_LENGTH, "AES"),
                new GCMParameterSpec(TAG_BITS, derived, KEY_LENGTH, NONCE_LENGTH));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** The raw public key of a private one: its product with the curve's base point (u = 9). */
    private static byte[] publicHalf(PrivateKey key) throws GeneralSecurityException {
        byte[] basePoint = new byte[KEY_LENGTH];
        basePoint[0] = 9;
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(key);
        agreement.doPhase(publicKey(basePoint), true);
        return agreement.generateSecret();
    }

    private static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - KEY_LENGTH, encoded.length);
    }

    private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] encoded = ByteBuffer.allocate(SPKI_PREFIX.length + KEY_LENGTH).put(SPKI_PREFIX).put(raw).array();
        return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(encoded));
    }
}
