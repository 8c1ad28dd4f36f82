package io.ticketmesh.platform.auth;

import io.ticketmesh.platform.error.DomainException;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling, as proven by a verified access token. Every signed-in user is a CUSTOMER; organization roles
 * and the platform-wide ADMIN flag come from the token's claims.
 *
 * @param userId the token's {@code sub}; empty for an anonymous caller
 * @param organizations organization id to the caller's role in it (claim {@code orgs})
 * @param platformRoles platform-wide roles, e.g. ADMIN (claim {@code roles})
 * @param bearerToken the raw token, forwarded on calls made on the caller's behalf
 */
public record Caller(String userId, String email, String name, Map<String, OrgRole> organizations,
                     Set<String> platformRoles, String bearerToken) {

    public static final Caller ANONYMOUS = new Caller("", "", "", Map.of(), Set.of(), "");
    public static final String ADMIN = "ADMIN";

    public boolean isAuthenticated() {
        return !userId.isEmpty();
    }

    public boolean isAdmin() {
        return platformRoles.contains(ADMIN);
    }

    /** Fails with UNAUTHENTICATED unless a user is signed in. */
    public Caller requireAuthenticated() {
        if (!isAuthenticated()) {
            throw DomainException.unauthenticated("this call needs a bearer token");
        }
        return this;
    }

    /** Fails unless the caller is an OWNER of the organization (or a platform ADMIN). */
    public void requireOwner(String organizationId) {
        requireAuthenticated();
        if (!isAdmin() && organizations.get(organizationId) != OrgRole.OWNER) {
            throw DomainException.permissionDenied("only an OWNER of organization " + organizationId + " may do this");
        }
    }

    /** Fails unless the caller is STAFF or OWNER of the organization (or a platform ADMIN). */
    public void requireStaff(String organizationId) {
        requireAuthenticated();
        if (!isAdmin() && !organizations.containsKey(organizationId)) {
            throw DomainException.permissionDenied("only STAFF or OWNERs of organization " + organizationId + " may do this");
        }
    }

    /** Fails unless the caller is the given user (or a platform ADMIN). */
    public void requireUser(String ownerUserId) {
        requireAuthenticated();
        if (!isAdmin() && !userId.equals(ownerUserId)) {
            throw DomainException.permissionDenied("this belongs to another user");
        }
    }
}
