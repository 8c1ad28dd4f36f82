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
import io.ticketmesh.proto.waitlist.v1.GetEntryRequest;
import io.ticketmesh.proto.waitlist.v1.JoinRequest;
import io.ticketmesh.proto.waitlist.v1.LeaveRequest;
import io.ticketmesh.proto.waitlist.v1.ListEntriesRequest;
import io.ticketmesh.proto.waitlist.v1.ListEntriesResponse;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Waitlists of sold-out showtimes (booking-service's WaitlistService): join, look at your entry, leave. */
@RestController
@Tag(name = "On-sale and waitlist")
public class WaitlistController {
    private static final String SERVICE = "booking-service";
    private static final String ENTRY = "{entry_id, showtime_id, quantity, together, tier, status: WAITING|OFFERED|FULFILLED|EXPIRED|LEFT|CLOSED, "
            + "position (WAITING), hold_id and offer_expires_at (once offered), created_at}";
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public WaitlistController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @PostMapping("/api/v1/showtimes/{showtime_id}/waitlist")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Join the showtime's waitlist: {quantity, together, tier?}. When matching seats free up, the oldest entries "
            + "they suit get a real hold (OFFERED, with hold_id; book it before offer_expires_at).", responses = {
            @ApiResponse(responseCode = "201", description = ENTRY),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the field (a tier the showtime does not have too)"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such showtime"),
            @ApiResponse(responseCode = "409", description = "ALREADY_EXISTS (entry_id): you are on this waitlist already; "
                    + "SHOWTIME_NOT_ON_SALE: cancelled or ended; IDEMPOTENCY_KEY_REUSED")})
    @ProtoBody(JoinRequest.class)
    @ProtoAnswer(WaitlistEntry.class)
    public JsonNode join(@PathVariable("showtime_id") UUID showtimeId, @RequestBody JsonNode body, HttpServletRequest http) {
        ProtoJson.requireObject(body);
        JoinRequest request = json.fromJson(body, JoinRequest.newBuilder()).setRequestId(MutationRequestIds.of(http))
                .setShowtimeId(showtimeId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.waitlist().join(request)).getEntry());
    }

    @GetMapping("/api/v1/me/waitlist")
    @Operation(summary = "Your waitlist entries of every showtime, newest first, each with its place or its offer; paged by "
            + "page_size (1-100, 20 when left out) and page_token", responses = {
            @ApiResponse(responseCode = "200", description = "{entries: [" + ENTRY + "], next_page_token}"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: page_size or page_token"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    @ProtoAnswer(ListEntriesResponse.class)
    public JsonNode mine(@RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                         @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.waitlist().listEntries(ListEntriesRequest.newBuilder()
                .setPageSize(pageSize).setPageToken(pageToken).build())));
    }

    @GetMapping("/api/v1/waitlist/{entry_id}")
    @Operation(summary = "Your waitlist entry, with its offer once made", responses = {
            @ApiResponse(responseCode = "200", description = ENTRY),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND (also another customer's entry)")})
    @ProtoAnswer(WaitlistEntry.class)
    public JsonNode get(@PathVariable("entry_id") UUID entryId) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.waitlist()
                .getEntry(GetEntryRequest.newBuilder().setEntryId(entryId.toString()).build())).getEntry());
    }

    @DeleteMapping("/api/v1/waitlist/{entry_id}")
    @Operation(summary = "Leave the waitlist; an offer's seats go back on sale at once. Leaving again changes nothing.", responses = {
            @ApiResponse(responseCode = "200", description = ENTRY + " with status LEFT (or how it ended before)"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    @ProtoAnswer(WaitlistEntry.class)
    public JsonNode leave(@PathVariable("entry_id") UUID entryId, HttpServletRequest http) {
        LeaveRequest request = LeaveRequest.newBuilder().setRequestId(MutationRequestIds.of(http)).setEntryId(entryId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.waitlist().leave(request)).getEntry());
    }
}
