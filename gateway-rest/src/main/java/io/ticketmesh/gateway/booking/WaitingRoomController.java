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
import io.ticketmesh.proto.waitingroom.v1.ConfigureRoomRequest;
import io.ticketmesh.proto.waitingroom.v1.ConfigureRoomResponse;
import io.ticketmesh.proto.waitingroom.v1.GetStatusRequest;
import io.ticketmesh.proto.waitingroom.v1.JoinRequest;
import io.ticketmesh.proto.waitingroom.v1.RoomPlace;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A showtime's on-sale waiting room (booking-service's WaitingRoomService): join it, ask where you are, set it up. */
@RestController
@Tag(name = "On-sale and waitlist")
public class WaitingRoomController {
    private static final String SERVICE = "booking-service";
    private static final String PLACE = "{showtime_id, state: WAITING|ADMITTED|EXPIRED, position (WAITING, 1-based), estimated_wait, "
            + "admission_token and admission_expires_at (ADMITTED; none when the showtime has no active room)}";
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public WaitingRoomController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @PostMapping("/api/v1/showtimes/{showtime_id}/waiting-room")
    @Operation(summary = "Join the showtime's waiting room, or get your place in it (joining again changes nothing; after your "
            + "admission lapsed, it puts you at the back). Arrivals before the sale opens are shuffled; later ones queue in order. "
            + "Pass admission_token in the body of your holds.", responses = {
            @ApiResponse(responseCode = "200", description = PLACE),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    @ProtoAnswer(RoomPlace.class)
    public JsonNode join(@PathVariable("showtime_id") UUID showtimeId, HttpServletRequest http) {
        JoinRequest request = JoinRequest.newBuilder().setRequestId(MutationRequestIds.of(http)).setShowtimeId(showtimeId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.waitingRoom().join(request)).getPlace());
    }

    @GetMapping("/api/v1/showtimes/{showtime_id}/waiting-room")
    @Operation(summary = "Your place in the showtime's waiting room, or your admission token once admitted", responses = {
            @ApiResponse(responseCode = "200", description = PLACE),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: the room is active and you have not joined it")})
    @ProtoAnswer(RoomPlace.class)
    public JsonNode status(@PathVariable("showtime_id") UUID showtimeId) {
        GetStatusRequest request = GetStatusRequest.newBuilder().setShowtimeId(showtimeId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.waitingRoom().getStatus(request)).getPlace());
    }

    @PutMapping("/api/v1/showtimes/{showtime_id}/waiting-room")
    @Operation(summary = "Set up the showtime's waiting room (OWNER): {active, admit_per_minute, opens_at?, admission_ttl?}. While "
            + "active, holds need an admission token. From opens_at (default now) it admits admit_per_minute customers a minute; "
            + "an admission lasts admission_ttl (default 10m, at most 24h). A rate change keeps the admissions made.", responses = {
            @ApiResponse(responseCode = "200", description = "{showtime_id, active, admit_per_minute, opens_at, waiting}"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the field"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of the showtime's organization"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such showtime")})
    @ProtoBody(ConfigureRoomRequest.class)
    @ProtoAnswer(ConfigureRoomResponse.class)
    public JsonNode configure(@PathVariable("showtime_id") UUID showtimeId, @RequestBody JsonNode body, HttpServletRequest http) {
        ProtoJson.requireObject(body);
        ConfigureRoomRequest request = json.fromJson(body, ConfigureRoomRequest.newBuilder())
                .setRequestId(MutationRequestIds.of(http)).setShowtimeId(showtimeId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.waitingRoom().configureRoom(request)));
    }
}
