package io.ticketmesh.platform.auth;

import io.ticketmesh.platform.error.DomainException;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling, as proven by a verified access token. Every signed-in user is a CUSTOMER; organization roles
 * and the platform-wide ADMIN flag come from the token's claims. An internal service (booking-service running a
 * saga) calls with a service token from the gateway: platform role SERVICE, subject {@code service:<name>}.
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
    public static final String SERVICE = "SERVICE";

    public boolean isAuthenticated() {
        return !userId.isEmpty();
    }

    public boolean isAdmin() {
        return platformRoles.contains(ADMIN);
    }

    /** An internal service acting for whichever customer its work belongs to. */
    public boolean isService() {
        return platformRoles.contains(SERVICE);
    }

    /** Fails unless the caller is an internal service (or a platform ADMIN). */
    public Caller requireService() {
        requireAuthenticated();
        if (!isAdmin() && !isService()) {
            throw DomainException.permissionDenied("only Ticketmesh's own services may call this");
        }
        return this;
    }

    /** Fails unless the caller is the given user, or an internal service acting for them (or a platform ADMIN). */
    public void requireUserOrService(String ownerUserId) {
        requireAuthenticated();
        if (!isService()) {
            requireUser(ownerUserId);
        }
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
        if (!isOwnerOf(organizationId)) {
            throw DomainException.permissionDenied("only an OWNER of organization " + organizationId + " may do this");
        }
    }

    /** Whether the caller is an OWNER of the organization (or a platform ADMIN): who manages it. */
    public boolean isOwnerOf(String organizationId) {
        return isAdmin() || organizations.get(organizationId) == OrgRole.OWNER;
    }

    /** Whether the caller is STAFF or OWNER of the organization (or a platform ADMIN): who sees its drafts. */
    public boolean isMemberOf(String organizationId) {
        return isAdmin() || organizations.containsKey(organizationId);
    }

    /** Fails unless the caller is STAFF or OWNER of the organization (or a platform ADMIN). */
    public void requireStaff(String organizationId) {
        requireAuthenticated();
        if (!isMemberOf(organizationId)) {
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
