package io.ticketmesh.gateway.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Venues with their seat maps (event-service's VenueService). */
@RestController
@Tag(name = "Catalog")
public class VenueController {
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public VenueController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @GetMapping("/api/v1/venues/{venue_id}")
    @Operation(summary = "A venue with its full seat map; every seat has a stable seat_id", responses = {
            @ApiResponse(responseCode = "200", description = "the venue"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: venue_id is not an id"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
            @ApiResponse(responseCode = "501", description = "NOT_IMPLEMENTED: the catalog is not built yet"),
            @ApiResponse(responseCode = "503", description = "DEPENDENCY_UNAVAILABLE")})
    public JsonNode venue(@PathVariable("venue_id") UUID venueId) {
        var response = calls.idempotent("event-service", () ->
                downstream.venues().getVenue(GetVenueRequest.newBuilder().setVenueId(venueId.toString()).build()));
        return json.toJson(response.getVenue());
    }
}
