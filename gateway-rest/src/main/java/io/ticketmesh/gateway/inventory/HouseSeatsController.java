package io.ticketmesh.gateway.inventory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.openapi.ProtoBody;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.proto.ticket.v1.BlockSeatsRequest;
import io.ticketmesh.proto.ticket.v1.BlockSeatsResponse;
import io.ticketmesh.proto.ticket.v1.UnblockSeatsRequest;
import io.ticketmesh.proto.ticket.v1.UnblockSeatsResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * House seats (ticket-service's BlockSeats and UnblockSeats): an OWNER of the showtime's organization takes available
 * seats off sale (for the house, the press, a broken seat) and puts them back, all or nothing. Both answer the seat
 * map's version after the change; live maps show the seats BLOCKED or AVAILABLE.
 */
@RestController
@Tag(name = "Seats and holds")
public class HouseSeatsController {
    private static final String SERVICE = "ticket-service";
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public HouseSeatsController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @PostMapping("/api/v1/showtimes/{showtime_id}/seats/block")
    @Operation(summary = "Take seats off sale (OWNER), all or nothing: {seat_ids: [...], note?}. A seat already blocked counts as "
            + "blocked, so repeating a request changes nothing.", responses = {
            @ApiResponse(responseCode = "200", description = "{version}: the seat map's version after the change"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: no seats, a seat not of this showtime"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of the showtime's organization"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory for this showtime (not published)"),
            @ApiResponse(responseCode = "409", description = "SEAT_UNAVAILABLE naming the seats held or sold")})
    @ProtoBody(BlockSeatsRequest.class)
    @ProtoAnswer(BlockSeatsResponse.class)
    public JsonNode block(@PathVariable("showtime_id") UUID showtimeId, @RequestBody JsonNode body, HttpServletRequest http) {
        BlockSeatsRequest request = json.fromJson(ProtoJson.requireObject(body), BlockSeatsRequest.newBuilder())
                .setRequestId(MutationRequestIds.of(http)).setShowtimeId(showtimeId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.inventory().blockSeats(request)));
    }

    @PostMapping("/api/v1/showtimes/{showtime_id}/seats/unblock")
    @Operation(summary = "Put blocked seats back on sale (OWNER), all or nothing: {seat_ids: [...]}. A seat already available "
            + "counts as done.", responses = {
            @ApiResponse(responseCode = "200", description = "{version}: the seat map's version after the change"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: no seats, a seat not of this showtime"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of the showtime's organization"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory for this showtime (not published)"),
            @ApiResponse(responseCode = "409", description = "SEAT_UNAVAILABLE naming the seats held or sold")})
    @ProtoBody(UnblockSeatsRequest.class)
    @ProtoAnswer(UnblockSeatsResponse.class)
    public JsonNode unblock(@PathVariable("showtime_id") UUID showtimeId, @RequestBody JsonNode body, HttpServletRequest http) {
        UnblockSeatsRequest request = json.fromJson(ProtoJson.requireObject(body), UnblockSeatsRequest.newBuilder())
                .setRequestId(MutationRequestIds.of(http)).setShowtimeId(showtimeId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.inventory().unblockSeats(request)));
    }
}
