package io.ticketmesh.gateway.identity;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a password acceptable (after NIST SP 800-63B: length over composition rules, no known-common
 * passwords, nothing taken from the account itself). Says why a password is refused.
 */
public final class PasswordPolicy {
    static final int MIN_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently truncated. */
    static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = Set.of("password", "passw0rd", "1234567890", "0123456789", "qwertyuiop",
            "iloveyou", "letmein", "welcome", "admin", "ticketmesh", "football", "baseball", "sunshine", "princess",
            "dragon", "monkey", "abc123", "trustno1", "starwars", "superman");

    private PasswordPolicy() {}

    /**
     * Refuses a weak password: INVALID_ARGUMENT {@code WEAK_PASSWORD}, the field violation on {@code field} saying why.
     */
    public static void require(String field, String password, String email, String name) {
        weakness(password, email, name).ifPresent(why -> {
            throw new DomainException(FailureKind.INVALID_ARGUMENT, ErrorReason.ERROR_REASON_WEAK_PASSWORD,
                    field + " " + why, List.of(new FieldViolation(field, why)));
        });
    }

    /** Why the password is refused, or empty when it is acceptable. */
    public static Optional<String> weakness(String password, String email, String name) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_BYTES + " bytes");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.chars().distinct().count() < 5) {
            return Optional.of("uses too few different characters");
        }
        String stripped = lower.replaceAll("[^a-z]", "");
        if (COMMON.contains(lower) || COMMON.contains(stripped) || COMMON.stream().anyMatch(c -> c.length() >= 6 && lower.startsWith(c) && lower.length() - c.length() <= 4)) {
            return Optional.of("is a commonly used password");
        }
        String localPart = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@")[0];
        if (localPart.length() >= 4 && lower.contains(localPart)) {
            return Optional.of("must not contain your email address");
        }
        for (String word : (name == null ? "" : name.toLowerCase(Locale.ROOT)).split("\\s+")) {
            if (word.length() >= 4 && lower.contains(word)) {
                return Optional.of("must not contain your name");
            }
        }
        return Optional.empty();
    }
}
