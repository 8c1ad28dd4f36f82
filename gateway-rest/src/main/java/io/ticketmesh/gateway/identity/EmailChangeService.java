package io.ticketmesh.gateway.identity;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.crypto.OpaqueSecrets;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account moved to another address, in two steps: its owner asks, giving their password, and a link is mailed to the
 * new address (workers send it from {@code EmailChangeRequested}, and tell the account's address that a move was asked
 * for); the address changes when the link is used, so it is one its owner reads. Then the old address is told ({@code EmailChanged}), reset and confirmation links mailed before
 * stop working, and access tokens naming the old address are refused ({@code AccessRevoked}; a refresh gives one with
 * the new). Sessions stay signed in.
 */
@Service
public class EmailChangeService {
    /** How long a mailed confirmation link works. */
    static final Duration CONFIRMATION_TTL = Duration.ofHours(24);
    /** Confirmation mails an account may ask for in an hour. */
    static final int CHANGES_PER_HOUR = 3;

    private final Accounts accounts;
    private final Passwords passwords;
    private final EmailChanges changes;
    private final PasswordResets resets;
    private final IdentityEvents events;
    private final Clock clock;

    public EmailChangeService(Accounts accounts, Passwords passwords, EmailChanges changes, PasswordResets resets,
                              IdentityEvents events, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.changes = changes;
        this.resets = resets;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Mails a confirmation link to {@code email} for the caller's account, given its password: 400 naming
     * {@code password} when it is wrong or {@code email} when it is the account's already, 409 EMAIL_TAKEN when another
     * account has it, 429 past {@link #CHANGES_PER_HOUR} this hour.
     */
    @Transactional
    public void request(Caller caller, String email, String password) {
        Accounts.User user = accounts.lockUser(IdentityService.accountOf(caller))
                .orElseThrow(() -> DomainException.unauthenticated("the account no longer exists"));
        passwords.requireMatch("password", password, user.passwordHash());
        String wanted = Accounts.normalizedEmail(email);
        if (wanted.equals(user.email())) {
            throw DomainException.invalid("email", "is this account's address already");
        }
        if (accounts.userByEmail(wanted).isPresent()) {
            throw IdentityService.emailTaken();
        }
        OffsetDateTime now = now();
        if (changes.requestedSince(user.id(), now.minusHours(1)) >= CHANGES_PER_HOUR) {
            throw new DomainException(FailureKind.RESOURCE_EXHAUSTED, ErrorReason.ERROR_REASON_RATE_LIMITED,
                    CHANGES_PER_HOUR + " confirmation links an hour at most: use one already mailed, or ask again later");
        }
        String token = OpaqueSecrets.next();
        OffsetDateTime expiresAt = now.plus(CONFIRMATION_TTL);
        changes.insert(user.id(), wanted, OpaqueSecrets.hash(token), now, expiresAt);
        events.emailChangeRequested(user, accounts.nextVersion(user.id()), wanted, token, expiresAt);
    }

    /**
     * Moves the account of the link's token to the address it was mailed to. A token used already answers as its use
     * did while that is still the account's address (a retry), and is refused otherwise, as unknown and expired ones
     * are; 409 EMAIL_TAKEN when another account took the address since.
     */
    @Transactional
    public void confirm(String token) {
        OffsetDateTime now = now();
        byte[] hash = OpaqueSecrets.hash(token);
        Accounts.User user = changes.userOf(hash).flatMap(accounts::lockUser).orElseThrow(EmailChangeService::invalidToken);
        EmailChanges.Change change = changes.unexpired(hash, now).orElseThrow(EmailChangeService::invalidToken);
        if (change.used()) {
            if (user.email().equalsIgnoreCase(change.newEmail())) {
                return;
            }
            throw invalidToken();
        }
        long version = accounts.changeEmail(user.id(), change.newEmail()).orElseThrow(IdentityService::emailTaken);
        changes.useAll(user.id(), now);
        resets.useAll(user.id(), now);
        events.emailChanged(user, version, change.newEmail());
        events.accessRevoked(user.id(), accounts.nextVersion(user.id()), now, null, "email changed");
    }

    private static DomainException invalidToken() {
        return new DomainException(FailureKind.INVALID_ARGUMENT, ErrorReason.ERROR_REASON_EMAIL_TOKEN_INVALID,
                "the confirmation link is unknown, used or expired; ask for a new one",
                List.of(new FieldViolation("token", "is unknown, used or expired")));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
