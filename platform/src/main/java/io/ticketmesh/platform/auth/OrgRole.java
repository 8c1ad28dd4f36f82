package io.ticketmesh.platform.auth;

/** A user's role within one organization. */
public enum OrgRole {
    /** Checks tickets in at the door. */
    STAFF,
    /** Manages the organization's venues, events and showtimes; can do everything STAFF can. */
    OWNER
}
