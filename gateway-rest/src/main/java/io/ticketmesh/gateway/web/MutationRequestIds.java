package io.ticketmesh.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;

/**
 * The {@code request_id} a REST call passes to the gRPC services: derived from its Idempotency-Key (so a retried
 * REST call is a retried gRPC call), or fresh when the client sent none.
 */
public final class MutationRequestIds {
    static final String ATTRIBUTE = MutationRequestIds.class.getName();

    private MutationRequestIds() {}

    public static String of(HttpServletRequest request) {
        Object derived = request.getAttribute(ATTRIBUTE);
        return derived != null ? derived.toString() : UUID.randomUUID().toString();
    }
}
