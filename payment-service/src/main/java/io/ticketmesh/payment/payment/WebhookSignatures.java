package io.ticketmesh.payment.payment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The provider's webhook signature: header {@code Simulated-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code "<t>.<raw body>"}. Binding the timestamp into the MAC lets a receiver refuse old deliveries replayed later.
 */
public final class WebhookSignatures {
    public static final String HEADER = "Simulated-Signature";

    private WebhookSignatures() {}

    public static String header(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /** True when the header is well-formed, its MAC matches the body, and its time is within {@code tolerance} of now. */
    public static boolean valid(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                return false;
            }
            try {
                if (pair[0].equals("t")) {
                    t = Long.parseLong(pair[1]);
                } else if (pair[0].equals("v1")) {
                    given = HexFormat.of().parseHex(pair[1]);
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (t == null || given == null || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, t, body), given);
    }

    private static byte[] mac(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
