package io.ticketmesh.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A compact signed text: {@code <prefix>.<kid>.<claims>.<signature>}, the claims joined with {@code |} and base64url,
 * the signature (base64url) over {@code <prefix>.<kid>.<claims>}. Ticket QR codes and admission tokens are written
 * this way; a reader needs only the public key named by kid.
 */
public record SignedClaims(String kid, List<String> claims) {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The text of these claims signed by {@code signer} (given the bytes to sign, answers the signature). */
    public String write(String prefix, Function<byte[], byte[]> signer) {
        String signed = prefix + "." + kid + "." + B64.encodeToString(String.join("|", claims).getBytes(StandardCharsets.UTF_8));
        return signed + "." + B64.encodeToString(signer.apply(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** A text's claims, when it has this prefix and {@code verifier} accepts its signature. */
    public static Optional<SignedClaims> read(String text, String prefix, Verifier verifier) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(prefix)) {
            return Optional.empty();
        }
        try {
            byte[] signed = (parts[0] + "." + parts[1] + "." + parts[2]).getBytes(StandardCharsets.UTF_8);
            if (!verifier.verifies(parts[1], signed, Base64.getUrlDecoder().decode(parts[3]))) {
                return Optional.empty();
            }
            String claims = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
            return Optional.of(new SignedClaims(parts[1], List.of(claims.split("\\|", -1))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** Checks a signature by the key a text names. */
    @FunctionalInterface
    public interface Verifier {
        boolean verifies(String kid, byte[] signed, byte[] signature);
    }
}
