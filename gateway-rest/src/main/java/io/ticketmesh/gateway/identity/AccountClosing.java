package io.ticketmesh.gateway.identity;

import io.ticketmesh.gateway.token.RefreshTokens;
import io.ticketmesh.gateway.web.IdempotencyStore;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts closed by their owners. The account is deleted with everything the gateway keeps of it (sign-in sessions,
 * mailed links, memberships, the answers kept for its Idempotency-Keys), its access tokens are refused from then on ({@code AccessRevoked}), and
 * {@code AccountClosed} tells every service that keeps the customer's name or address to erase it. Bookings, payments
 * and tickets stay (an organizer's sales and the customer's seats), under the pseudonymous user id alone.
 */
@Service
public class AccountClosing {
    private final Accounts accounts;
    private final Passwords passwords;
    private final RefreshTokens refreshTokens;
    private final PasswordResets resets;
    private final EmailChanges emailChanges;
    private final IdempotencyStore idempotencyKeys;
    private final IdentityEvents events;
    private final Clock clock;

    public AccountClosing(Accounts accounts, Passwords passwords, RefreshTokens refreshTokens, PasswordResets resets,
                          EmailChanges emailChanges, IdempotencyStore idempotencyKeys, IdentityEvents events, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.resets = resets;
        this.emailChanges = emailChanges;
        this.idempotencyKeys = idempotencyKeys;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Closes the caller's account, given its password. Refused while it is the last OWNER of an organization (nobody
     * could manage it after). Asked again once closed (by a token the revocation has not reached yet), it answers as
     * the closing did and does nothing.
     */
    @Transactional
    public void close(Caller caller, String password) {
        var locked = accounts.lockUser(IdentityService.accountOf(caller));
        if (locked.isEmpty()) {
            return;
        }
        Accounts.User user = locked.get();
        passwords.requireMatch("password", password, user.passwordHash());
        List<UUID> ownedAlone = accounts.ownedAlone(user.id());
        if (!ownedAlone.isEmpty()) {
            throw DomainException.invalidState("the account is the last OWNER of organization "
                    + ownedAlone.stream().map(UUID::toString).collect(Collectors.joining(", "))
                    + "; make another member OWNER first");
        }
        long version = accounts.nextVersion(user.id());
        events.accessRevoked(user.id(), version, clock.instant().atOffset(ZoneOffset.UTC), null, "account closed");
        events.accountClosed(user, version + 1);
        refreshTokens.deleteAllOf(user.id());
        resets.forgetAllOf(user.id());
        emailChanges.forgetAllOf(user.id());
        idempotencyKeys.forgetUser(user.id().toString());
        accounts.deleteUser(user.id());
    }
}
