package io.ticketmesh.gateway.identity;

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
}
