package io.ticketmesh.gateway.identity;

import io.ticketmesh.gateway.token.AccessTokens;
import io.ticketmesh.gateway.token.RefreshTokens;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.crypto.OpaqueSecrets;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.identity.v1.PasswordChangeMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passwords forgotten and changed. A forgotten one is reset through a secret mailed to the account's address (workers
 * send it from {@code PasswordResetRequested}); either way every other session is signed out, every reset link mailed
 * before stops working and so does every address change asked for (someone who had the old password cannot move the
 * account to their own address once its owner took it back), the address is told ({@code PasswordChanged}), and the other sessions' access tokens are
 * refused from then on ({@code AccessRevoked}, within moments of the change everywhere).
 */
@Service
public class PasswordService {
    /** How long a mailed reset link works. */
    static final Duration RESET_TTL = Duration.ofMinutes(30);
    /** Reset mails an account gets in an hour at most; asking more often sends nothing (and says the same). */
    static final int RESETS_PER_HOUR = 3;

    private final Accounts accounts;
    private final Passwords passwords;
    private final PasswordResets resets;
    private final EmailChanges emailChanges;
    private final RefreshTokens refreshTokens;
    private final IdentityEvents events;
    private final Clock clock;

    public PasswordService(Accounts accounts, Passwords passwords, PasswordResets resets, EmailChanges emailChanges,
                           RefreshTokens refreshTokens, IdentityEvents events, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.resets = resets;
        this.emailChanges = emailChanges;
        this.refreshTokens = refreshTokens;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Mails a reset link to the account with this address, if there is one and it has not asked {@link #RESETS_PER_HOUR}
     * times this hour. Says nothing either way, so the answer does not tell who has an account.
     */
    @Transactional
    public void requestReset(String email) {
        var known = accounts.userByEmail(Accounts.normalizedEmail(email)).map(Accounts.User::id).flatMap(accounts::lockUser);
        if (known.isEmpty()) {
            return; // no account, or one closed this moment
        }
        Accounts.User user = known.get();
        OffsetDateTime now = now();
        if (resets.requestedSince(user.id(), now.minusHours(1)) >= RESETS_PER_HOUR) {
            return;
        }
        String token = OpaqueSecrets.next();
        OffsetDateTime expiresAt = now.plus(RESET_TTL);
        resets.insert(user.id(), OpaqueSecrets.hash(token), now, expiresAt);
        events.resetRequested(user, accounts.nextVersion(user.id()), token, expiresAt);
    }

    /** Sets the password of the reset's account and signs it out everywhere; the token is then used up. */
    @Transactional
    public void reset(String token, String password) {
        OffsetDateTime now = now();
        byte[] hash = OpaqueSecrets.hash(token);
        Accounts.User user = resets.userOf(hash).flatMap(accounts::lockUser).orElseThrow(PasswordService::invalidToken);
        if (!resets.usable(hash, now)) {
            throw invalidToken();
        }
        PasswordPolicy.require("password", password, user.email(), user.name());
        store(user, password, null, PasswordChangeMethod.PASSWORD_CHANGE_METHOD_RESET, now);
    }

    /**
     * Changes the caller's password, given their current one; the session they change it from stays signed in. Asked
     * again once it is changed (the current password given is the one it was, the new one is), it answers as the change
     * did and changes nothing.
     */
    @Transactional
    public void change(Caller caller, String currentPassword, String newPassword) {
        Accounts.User user = accounts.lockUser(IdentityService.accountOf(caller))
                .orElseThrow(() -> DomainException.unauthenticated("the account no longer exists"));
        if (!passwords.matches(currentPassword, user.passwordHash())) {
            if (passwords.matches(newPassword, user.passwordHash())) {
                return; // a retry of the change, which went through: it is answered as that was, and changes nothing
            }
            throw Passwords.wrong("current_password");
        }
        if (newPassword.equals(currentPassword)) {
            throw DomainException.invalid("new_password", "is the current password");
        }
        PasswordPolicy.require("new_password", newPassword, user.email(), user.name());
        store(user, newPassword, AccessTokens.sessionOf(caller).orElse(null), PasswordChangeMethod.PASSWORD_CHANGE_METHOD_CHANGE, now());
    }

    private void store(Accounts.User user, String password, UUID keepSession, PasswordChangeMethod method, OffsetDateTime now) {
        long version = accounts.changePassword(user.id(), passwords.hash(password));
        resets.useAll(user.id(), now);
        emailChanges.useAll(user.id(), now);
        refreshTokens.revokeAllOf(user.id(), keepSession);
        events.passwordChanged(user, version, method);
        events.accessRevoked(user.id(), accounts.nextVersion(user.id()), now, keepSession,
                method == PasswordChangeMethod.PASSWORD_CHANGE_METHOD_RESET ? "password reset" : "password changed");
    }

    private static DomainException invalidToken() {
        return new DomainException(FailureKind.INVALID_ARGUMENT, ErrorReason.ERROR_REASON_RESET_TOKEN_INVALID,
                "the reset link is unknown, used or expired; ask for a new one",
                List.of(new FieldViolation("token", "is unknown, used or expired")));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
