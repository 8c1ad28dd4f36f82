package io.ticketmesh.platform.privacy;

/** A customer's account, closed at the gateway ({@code AccountClosed}): whose personal data to erase. */
public record ClosedAccount(String userId, String email) {}
