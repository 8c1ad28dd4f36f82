package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.outbox.EventOrigin;
import java.util.List;
import java.util.UUID;

/**
 * One customer's request to hold exactly these seats, as it waits to be taken together with others (see
 * {@link HoldBatcher}).
 *
 * @param holdId the hold's id, derived from the customer and the request id, so a retry names the same hold
 * @param requestId the request's request_id
 * @param origin the caller's request (x-request-id and trace), carried into the hold's event
 * @param window when it may be made: in the general sale, also in the showtime's running presale (with one of its
 *     codes), or (the organization's staff selling at the box office, beyond the per-customer limit) until the start
 */
public record HoldOrder(UUID showtimeId, UUID holdId, UUID userId, List<UUID> seatIds, String requestId, EventOrigin origin,
                        SalesWindow window) {}
