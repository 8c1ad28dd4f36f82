package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.outbox.EventOrigin;
import java.util.UUID;

/**
 * A caller's request to release a hold, as it waits to be taken together with others (see {@link HoldBatcher}).
 *
 * @param origin the caller's request (x-request-id and trace), carried into the release's event
 */
public record ReleaseOrder(UUID holdId, Caller caller, EventOrigin origin) {}
