package io.ticketmesh.gateway.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.web.QueryTimes;
import io.ticketmesh.proto.booking.v1.GetBoxOfficeTillRequest;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Cashing up a box office till at the end of a shift (booking-service's GetBoxOfficeTill). */
@RestController
@Tag(name = "Bookings")
public class BoxOfficeTillController {
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public BoxOfficeTillController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @GetMapping("/api/v1/organizations/{org_id}/box-office/till")
    @Operation(summary = "A staff member's box office till from from to to (RFC 3339 times or dates; at most 31 days): the sales they "
            + "made at the counter and the refunds of box office sales they handed back there, across the organization's showtimes, "
            + "a line a way of paying (cash first) and currency, with what the till holds beyond its float (net). The caller's own "
            + "(STAFF or OWNER); another's with staff_user_id (OWNER). Refunds of a showtime the organizer cancelled are in no till",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{organization_id, staff_user_id, from, to, lines: [{payment: "
                            + "CASH|CARD_TERMINAL, sales, taken, refunds, handed_back, net}]}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming from, to or staff_user_id"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not staff of the organization, or another's "
                            + "till without being its OWNER")})
    public JsonNode till(@PathVariable("org_id") UUID organizationId,
                         @RequestParam(name = "from", defaultValue = "") String from,
                         @RequestParam(name = "to", defaultValue = "") String to,
                         @RequestParam(name = "staff_user_id", defaultValue = "") String staffUserId) {
        QueryTimes.Period period = QueryTimes.period(from, to);
        GetBoxOfficeTillRequest request = GetBoxOfficeTillRequest.newBuilder().setOrganizationId(organizationId.toString())
                .setStaffUserId(staffUserId).setFrom(period.from()).setTo(period.to()).build();
        return json.toJson(calls.idempotent("booking-service", () -> downstream.bookings().getBoxOfficeTill(request)).getTill());
    }
}
