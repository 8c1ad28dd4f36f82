package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.auth.Caller;
import java.util.UUID;

/**
 * A caller's request to release a hold, as it waits to be taken together with others (see {@link HoldBatcher}).
 *
 * @param correlationId the caller's x-request-id, carried into the release's event; null when there is none
 */
public record ReleaseOrder(UUID holdId, Caller caller, String correlationId) {}
