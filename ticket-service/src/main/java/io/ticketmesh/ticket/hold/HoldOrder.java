package io.ticketmesh.ticket.hold;

import java.util.List;
import java.util.UUID;

/**
 * One customer's request to hold exactly these seats, as it waits to be taken together with others (see
 * {@link HoldBatcher}).
 *
 * @param holdId the hold's id, derived from the customer and the request id, so a retry names the same hold
 * @param requestId the request's request_id
 * @param correlationId the caller's x-request-id, carried into the hold's event; null when there is none
 */
public record HoldOrder(UUID showtimeId, UUID holdId, UUID userId, List<UUID> seatIds, String requestId, String correlationId) {}
