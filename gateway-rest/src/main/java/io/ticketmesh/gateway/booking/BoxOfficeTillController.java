package io.ticketmesh.gateway.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.gateway.web.QueryTimes;
import io.ticketmesh.proto.booking.v1.BoxOfficeTill;
import io.ticketmesh.proto.booking.v1.GetBoxOfficeTillRequest;
import io.ticketmesh.proto.booking.v1.HandBackRefundRequest;
import io.ticketmesh.proto.booking.v1.HandBackRefundResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cashing up a box office till at the end of a shift (booking-service's GetBoxOfficeTill), and handing a buyer the
 * refund owed to them at the counter (HandBackRefund).
 */
@RestController
@Tag(name = "Bookings")
public class BoxOfficeTillController {
    private static final String SERVICE = "booking-service";
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
            + "(STAFF or OWNER); another's with staff_user_id (OWNER). Refunds of a showtime the organizer cancelled count in the till "
            + "of whoever hands them back (POST /api/v1/bookings/{booking_id}/hand-back-refund), in none before",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{organization_id, staff_user_id, from, to, lines: [{payment: "
                            + "CASH|CARD_TERMINAL, sales, taken, refunds, handed_back, net}]}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming from, to or staff_user_id"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not staff of the organization, or another's "
                            + "till without being its OWNER")})
    @ProtoAnswer(BoxOfficeTill.class)
    public JsonNode till(@PathVariable("org_id") UUID organizationId,
                         @RequestParam(name = "from", defaultValue = "") String from,
                         @RequestParam(name = "to", defaultValue = "") String to,
                         @RequestParam(name = "staff_user_id", defaultValue = "") String staffUserId) {
        QueryTimes.Period period = QueryTimes.period(from, to);
        GetBoxOfficeTillRequest request = GetBoxOfficeTillRequest.newBuilder().setOrganizationId(organizationId.toString())
                .setStaffUserId(staffUserId).setFrom(period.from()).setTo(period.to()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.bookings().getBoxOfficeTill(request)).getTill());
    }

    @PostMapping("/api/v1/bookings/{booking_id}/hand-back-refund")
    @Operation(summary = "Hand a box office buyer the refund owed to them at the counter (the booking's box_office.refund_owed: "
            + "the organizer cancelled the showtime), the way they paid; it counts in the caller's till from now. STAFF or OWNER "
            + "of the organization; an Idempotency-Key makes a retry hand back nothing more", responses = {
            @ApiResponse(responseCode = "200", description = "{booking, handed_back}"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming booking_id: a booking sold online, whose "
                    + "refunds go back to its card"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: nothing is owed at the counter for the booking")})
    @ProtoAnswer(HandBackRefundResponse.class)
    public JsonNode handBackRefund(@PathVariable("booking_id") UUID bookingId, HttpServletRequest http) {
        HandBackRefundRequest request = HandBackRefundRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                .setBookingId(bookingId.toString()).build();
        ObjectNode answer = (ObjectNode) json.toJson(calls.idempotent(SERVICE, () -> downstream.bookings().handBackRefund(request)));
        BookingController.booking(answer.get("booking"));
        return answer;
    }
}
