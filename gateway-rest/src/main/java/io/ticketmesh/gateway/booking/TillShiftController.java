package io.ticketmesh.gateway.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.openapi.ProtoBody;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.proto.booking.v1.CloseTillShiftRequest;
import io.ticketmesh.proto.booking.v1.GetTillShiftRequest;
import io.ticketmesh.proto.booking.v1.ListTillShiftsRequest;
import io.ticketmesh.proto.booking.v1.ListTillShiftsResponse;
import io.ticketmesh.proto.booking.v1.OpenTillShiftRequest;
import io.ticketmesh.proto.booking.v1.TillShift;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A staff member's shift at the box office (booking-service's OpenTillShift, GetTillShift, CloseTillShift): their till
 * opened with a float, then counted against what it should hold.
 */
@RestController
@Tag(name = "Bookings")
public class TillShiftController {
    private static final String SERVICE = "booking-service";
    private static final String SHIFT = "{shift_id, organization_id, staff_user_id, opened_at, closed_at?, opening_float, till: {from, to, "
            + "lines}, expected_cash, counted_cash?, surplus?, shortfall?, closed_by_user_id?, note?}";
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public TillShiftController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @PostMapping("/api/v1/organizations/{org_id}/box-office/shifts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open the caller's till for a shift at the organization's box office with the cash put in it to give change: "
            + "{opening_float: {amount_minor, currency}}. STAFF or OWNER; one open shift a staff member (409 ALREADY_EXISTS with the "
            + "open one's shift_id); an Idempotency-Key makes a retry open nothing more. Sales and refunds at the counter need no shift: "
            + "it frames the count", responses = {
            @ApiResponse(responseCode = "201", description = SHIFT),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming opening_float"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not staff of the organization"),
            @ApiResponse(responseCode = "409", description = "ALREADY_EXISTS: the caller's till is open (shift_id)")})
    @ProtoBody(OpenTillShiftRequest.class)
    @ProtoAnswer(TillShift.class)
    public JsonNode open(@PathVariable("org_id") UUID organizationId, @RequestBody JsonNode body, HttpServletRequest http) {
        OpenTillShiftRequest request = json.fromJson(ProtoJson.requireObject(body), OpenTillShiftRequest.newBuilder())
                .setRequestId(MutationRequestIds.of(http)).setOrganizationId(organizationId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.bookings().openTillShift(request)).getShift());
    }

    @GetMapping("/api/v1/organizations/{org_id}/box-office/shifts")
    @Operation(summary = "The organization's shifts, the latest opened first, each without its till (GET /api/v1/box-office/shifts/"
            + "{shift_id} has it): the caller's own for STAFF, everyone's for an OWNER, or one staff member's with staff_user_id (an "
            + "OWNER, or the staff member themselves); open=true for those still open", responses = {
            @ApiResponse(responseCode = "200", description = "{shifts, next_page_token}"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming staff_user_id, page_size or page_token"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not staff of the organization, or another's shifts "
                    + "without being its OWNER")})
    @ProtoAnswer(ListTillShiftsResponse.class)
    public JsonNode list(@PathVariable("org_id") UUID organizationId,
                         @RequestParam(name = "staff_user_id", defaultValue = "") String staffUserId,
                         @RequestParam(name = "open", defaultValue = "false") boolean openOnly,
                         @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                         @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        ListTillShiftsRequest request = ListTillShiftsRequest.newBuilder().setOrganizationId(organizationId.toString())
                .setStaffUserId(staffUserId).setOpenOnly(openOnly).setPageSize(pageSize).setPageToken(pageToken).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.bookings().listTillShifts(request)));
    }

    @GetMapping("/api/v1/box-office/shifts/{shift_id}")
    @Operation(summary = "A shift: while open, its till so far and the cash it should hold (expected_cash: the float, and the cash taken "
            + "less handed back over the shift). Its staff member, or an OWNER of the organization", responses = {
            @ApiResponse(responseCode = "200", description = SHIFT),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    @ProtoAnswer(TillShift.class)
    public JsonNode get(@PathVariable("shift_id") UUID shiftId) {
        GetTillShiftRequest request = GetTillShiftRequest.newBuilder().setShiftId(shiftId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.bookings().getTillShift(request)).getShift());
    }

    @PostMapping("/api/v1/box-office/shifts/{shift_id}/close")
    @Operation(summary = "Close a shift with the cash counted in its till: {counted_cash: {amount_minor, currency}, note?}; answers what "
            + "it should have held (expected_cash) and how far the count came over (surplus) or short (shortfall). Its staff member, or "
            + "an OWNER of the organization; an Idempotency-Key makes a retry answer the same", responses = {
            @ApiResponse(responseCode = "200", description = SHIFT),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming counted_cash, counted_cash.currency (not the "
                    + "float's) or note"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: the shift was closed already")})
    @ProtoBody(CloseTillShiftRequest.class)
    @ProtoAnswer(TillShift.class)
    public JsonNode close(@PathVariable("shift_id") UUID shiftId, @RequestBody JsonNode body, HttpServletRequest http) {
        CloseTillShiftRequest request = json.fromJson(ProtoJson.requireObject(body), CloseTillShiftRequest.newBuilder())
                .setRequestId(MutationRequestIds.of(http)).setShiftId(shiftId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.bookings().closeTillShift(request)).getShift());
    }
}
