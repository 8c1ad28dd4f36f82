package io.ticketmesh.gateway.identity;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.List;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** bcrypt password hashes. A check against an unknown account costs the same as against a real one. */
@Component
public class Passwords {
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(11);
    private final String decoy = bcrypt.encode("decoy password for unknown accounts");

    public String hash(String password) {
        return bcrypt.encode(password);
    }

    /** Whether the password matches; with a null hash (no such account) it spends the same time and says no. */
    public boolean matches(String password, String hash) {
        boolean matches = bcrypt.matches(password, hash == null ? decoy : hash);
        return hash != null && matches;
    }

    /**
     * Refuses a signed-in user's wrong password, given to confirm a change of their account: INVALID_CREDENTIALS naming
     * {@code field}, as 400 (a 401 would read as an expired token).
     */
    public void requireMatch(String field, String password, String hash) {
        if (!matches(password, hash)) {
            throw wrong(field);
        }
    }

    static DomainException wrong(String field) {
        return new DomainException(FailureKind.INVALID_ARGUMENT, ErrorReason.ERROR_REASON_INVALID_CREDENTIALS,
                field + " is not this account's password", List.of(new FieldViolation(field, "is not this account's password")));
    }
}
