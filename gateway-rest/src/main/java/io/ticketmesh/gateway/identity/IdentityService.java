package io.ticketmesh.gateway.identity;

import io.ticketmesh.gateway.token.AccessTokens;
import io.ticketmesh.gateway.token.RefreshTokens;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts, sign-in sessions, organizations and memberships. The identity database is the gateway's own. */
@Service
public class IdentityService {
    /** What login and refresh answer. */
    public record Tokens(String accessToken, String refreshToken, long expiresInSeconds) {}

    public record Me(Accounts.User user, List<Accounts.Membership> memberships) {}

    private final Accounts accounts;
    private final Passwords passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final IdentityEvents events;
    private final Clock clock;

    public IdentityService(Accounts accounts, Passwords passwords, AccessTokens accessTokens, RefreshTokens refreshTokens,
                           IdentityEvents events, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Accounts.User register(String email, String password, String name) {
        String normalized = Accounts.normalizedEmail(email);
        PasswordPolicy.require("password", password, normalized, name);
        UUID id = UUID.randomUUID();
        if (!accounts.insertUser(id, normalized, name.trim(), passwords.hash(password))) {
            throw emailTaken();
        }
        return accounts.userById(id).orElseThrow();
    }

    @Transactional
    public Tokens login(String email, String password) {
        var user = accounts.userByEmail(Accounts.normalizedEmail(email));
        if (!passwords.matches(password, user.map(Accounts.User::passwordHash).orElse(null))) {
            throw wrongCredentials();
        }
        // the session is written holding the account, so an account closed meanwhile is refused, not a failed insert
        Accounts.User signedIn = accounts.shareLockUser(user.get().id()).orElseThrow(IdentityService::wrongCredentials);
        return tokensFor(signedIn, refreshTokens.startFamily(signedIn.id()));
    }

    private static DomainException wrongCredentials() {
        return new DomainException(FailureKind.UNAUTHENTICATED, ErrorReason.ERROR_REASON_INVALID_CREDENTIALS, "wrong email or password");
    }

    /**
     * Rotates the refresh token; the new access token carries the user's current roles. The account is locked before
     * the token, in the order every change of the account's credentials takes them (one that locks the account and
     * then revokes or deletes its tokens would otherwise deadlock with a rotation holding a token and writing the next).
     */
    @Transactional(noRollbackFor = DomainException.class)
    public Tokens refresh(String refreshToken) {
        refreshTokens.userOf(refreshToken).ifPresent(accounts::shareLockUser);
        RefreshTokens.Issued next = refreshTokens.rotate(refreshToken);
        Accounts.User user = accounts.userById(next.userId()).orElseThrow();
        return tokensFor(user, next);
    }

    /** Ends the sign-in session (the refresh token family) the caller's access token belongs to. */
    @Transactional
    public void logout(UUID sessionId) {
        refreshTokens.revokeFamily(sessionId);
    }

    @Transactional(readOnly = true)
    public Me me(Caller caller) {
        UUID id = accountOf(caller);
        Accounts.User user = accounts.userById(id).orElseThrow(() -> DomainException.unauthenticated("the account no longer exists"));
        return new Me(user, accounts.memberships(id));
    }

    static DomainException emailTaken() {
        return new DomainException(FailureKind.ALREADY_EXISTS, ErrorReason.ERROR_REASON_EMAIL_TAKEN, "an account with this email exists");
    }

    /** The account the caller signed in as: PERMISSION_DENIED for a service's token, which has none. */
    static UUID accountOf(Caller caller) {
        if (caller.requireAuthenticated().isService()) {
            throw DomainException.permissionDenied("a service's token belongs to no account");
        }
        return UUID.fromString(caller.userId());
    }

    /** Gives the caller's account the name; their next access token carries it. */
    @Transactional
    public Me rename(Caller caller, String name) {
        UUID id = accountOf(caller);
        Accounts.User user = accounts.rename(id, name.trim())
                .orElseThrow(() -> DomainException.unauthenticated("the account no longer exists"));
        return new Me(user, accounts.memberships(id));
    }

    @Transactional
    public Accounts.Organization createOrganization(Caller caller, String name) {
        UUID owner = accounts.shareLockUser(accountOf(caller)).map(Accounts.User::id)
                .orElseThrow(() -> DomainException.unauthenticated("the account no longer exists"));
        Accounts.Organization organization = accounts.insertOrganization(UUID.randomUUID(), name.trim());
        accounts.upsertMembership(organization.id(), owner, "OWNER");
        return organization;
    }

    /** Adds a user (by email) to an organization as STAFF or OWNER; only its OWNERs may, as recorded here. */
    @Transactional
    public MemberAdded addMember(Caller caller, UUID organizationId, String email, String role) {
        requireOwner(caller, organizationId, "add members");
        Accounts.User member = accounts.userByEmail(Accounts.normalizedEmail(email)).map(Accounts.User::id).flatMap(accounts::shareLockUser)
                .orElseThrow(() -> DomainException.invalid("email", "no account has this email; ask them to register first"));
        if (!role.equals("OWNER")) {
            requireAnotherOwner(organizationId, member.id());
        }
        boolean wasOwner = accounts.roleIn(organizationId, member.id()).filter("OWNER"::equals).isPresent();
        boolean added = accounts.upsertMembership(organizationId, member.id(), role);
        if (wasOwner && !role.equals("OWNER")) {
            revokeAccess(member.id(), "made STAFF of organization " + organizationId);
        }
        return new MemberAdded(organizationId, member, role, added);
    }

    public record MemberAdded(UUID organizationId, Accounts.User user, String role, boolean newMember) {}

    /** The organization's members; its OWNERs only, as recorded here. */
    @Transactional(readOnly = true)
    public List<Accounts.Member> members(Caller caller, UUID organizationId) {
        requireOwner(caller, organizationId, "list its members");
        return accounts.members(organizationId);
    }

    /**
     * Takes a member out of the organization (OWNERs only); removing someone who is not a member changes nothing, and
     * the last OWNER stays. Their access tokens, which carry the role, are refused from then on; a refresh gives one
     * without it.
     */
    @Transactional
    public void removeMember(Caller caller, UUID organizationId, UUID userId) {
        requireOwner(caller, organizationId, "remove members");
        requireAnotherOwner(organizationId, userId);
        if (accounts.deleteMembership(organizationId, userId)) {
            revokeAccess(userId, "removed from organization " + organizationId);
        }
    }

    /** Refuses the user's access tokens issued until now, which carry roles they no longer have. */
    private void revokeAccess(UUID userId, String reason) {
        events.accessRevoked(userId, accounts.nextVersion(userId), clock.instant().atOffset(ZoneOffset.UTC), null, reason);
    }

    /**
     * Refuses to let {@code userId} stop being an OWNER when they are the organization's last: one nobody can manage
     * cannot be mended through the API. The organization's row is locked, so two OWNERs taking each other out at once
     * leave one.
     */
    private void requireAnotherOwner(UUID organizationId, UUID userId) {
        accounts.lockOrganization(organizationId);
        if (accounts.roleIn(organizationId, userId).filter("OWNER"::equals).isPresent() && accounts.owners(organizationId) == 1) {
            throw DomainException.invalidState("the last OWNER of organization " + organizationId + " stays one; make another OWNER first");
        }
    }

    private void requireOwner(Caller caller, UUID organizationId, String what) {
        accounts.organization(organizationId).orElseThrow(() -> DomainException.notFound("organization", organizationId.toString()));
        boolean owner = caller.isAdmin() || accounts.roleIn(organizationId, accountOf(caller))
                .filter("OWNER"::equals).isPresent();
        if (!owner) {
            throw DomainException.permissionDenied("only an OWNER of organization " + organizationId + " may " + what);
        }
    }

    private Tokens tokensFor(Accounts.User user, RefreshTokens.Issued refresh) {
        String access = accessTokens.issue(new AccessTokens.Subject(user.id(), user.email(), user.name(),
                user.platformRoles(), accounts.roles(user.id())), refresh.familyId());
        return new Tokens(access, refresh.token(), accessTokens.ttl().toSeconds());
    }
}
