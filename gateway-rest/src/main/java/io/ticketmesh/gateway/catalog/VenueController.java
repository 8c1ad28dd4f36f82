package io.ticketmesh.gateway.catalog;

import com.google.protobuf.FieldMask;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.Patches;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.openapi.ProtoBody;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.gateway.web.RestFieldNames;
import io.ticketmesh.platform.validation.FieldMasks;
import io.ticketmesh.proto.event.v1.CreateVenueRequest;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.UpdateVenueRequest;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Venues with their seat maps (event-service's VenueService). */
@RestController
@Tag(name = "Catalog")
public class VenueController {
    private static final String SERVICE = "event-service";
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public VenueController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @PostMapping("/api/v1/organizations/{org_id}/venues")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a venue with its seat map (OWNER). Body: {name, city, address, timezone, country_code, "
            + "seat_map: {stage?: {x, y}, sections: [{name, kind: SEATED|STANDING, capacity?, default_tier?, "
            + "rows: [{label, seats: [{label, x, y, tier?, accessibility: [WHEELCHAIR|COMPANION|RESTRICTED_VIEW|AISLE|STEP_FREE|HEARING_LOOP|EXTRA_LEGROOM]}]}]}]}}. "
            + "The same JSON a GET returns can be posted again to copy a hall.", responses = {
            @ApiResponse(responseCode = "201", description = "the venue with every seat's seat_id"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or MALFORMED_REQUEST, naming the field"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of this organization"),
            @ApiResponse(responseCode = "409", description = "SEAT_MAP_INVALID: every broken rule of the map in errors"),
            @ApiResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE")})
    @ProtoBody(value = Venue.class,
            omit = {"venue_id", "organization_id", "capacity", "created_at", "updated_at", "revision"}, takesAnswers = true,
            rename = VenueJson.RENAME)
    @ProtoAnswer(value = Venue.class, rename = VenueJson.RENAME)
    public JsonNode create(@PathVariable("org_id") UUID organizationId, @RequestBody JsonNode body, HttpServletRequest http) {
        ProtoJson.requireObject(body);
        Venue created = RestFieldNames.renaming(VenueJson::restField, () -> {
            Venue venue = json.fromJson(VenueJson.toProtoShape(body), Venue.newBuilder()).build();
            CreateVenueRequest request = CreateVenueRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                    .setOrganizationId(organizationId.toString()).setVenue(venue).build();
            // idempotent by its request_id: a retry after a lost answer returns the venue created the first time
            return calls.idempotent(SERVICE, () -> downstream.venues().createVenue(request)).getVenue();
        });
        return VenueJson.toRestShape(json.toJson(created));
    }

    @PatchMapping("/api/v1/venues/{venue_id}")
    @Operation(summary = "Correct a venue's details (OWNER): the body's fields of name, city, address, country_code replace the "
            + "venue's; its seat map and time zone are fixed once drawn (another layout is another venue). Search finds the "
            + "venue's showtimes by the new name and city at once.", responses = {
            @ApiResponse(responseCode = "200", description = "the venue without its seat map, one revision further"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the field, or a field that cannot change"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of the venue's organization"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    @ProtoBody(value = Venue.class, editableOnly = true)
    @ProtoAnswer(value = Venue.class, rename = VenueJson.RENAME)
    public JsonNode update(@PathVariable("venue_id") UUID venueId, @RequestBody JsonNode body, HttpServletRequest http) {
        FieldMask mask = Patches.mask(ProtoJson.requireObject(body));
        Venue updated = RestFieldNames.renaming(VenueJson::restField, () -> {
            Venue changes = json.fromJson(VenueJson.toProtoShape(body), Venue.newBuilder()).build();
            Venue current = calls.idempotent(SERVICE, () -> downstream.venues().getVenue(GetVenueRequest.newBuilder()
                    .setVenueId(venueId.toString()).setView(VenueView.VENUE_VIEW_BASIC).build())).getVenue();
            UpdateVenueRequest request = UpdateVenueRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                    .setVenue(FieldMasks.overlay(current, changes, mask).toBuilder().setVenueId(venueId.toString())).setUpdateMask(mask).build();
            return calls.idempotent(SERVICE, () -> downstream.venues().updateVenue(request)).getVenue();
        });
        return VenueJson.toRestShape(json.toJson(updated));
    }

    @GetMapping("/api/v1/venues/{venue_id}")
    @Operation(summary = "A venue with its full seat map; every seat has a stable seat_id", responses = {
            @ApiResponse(responseCode = "200", description = "the venue"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: venue_id is not an id"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
            @ApiResponse(responseCode = "503", description = "DEPENDENCY_UNAVAILABLE")})
    @ProtoAnswer(value = Venue.class, rename = VenueJson.RENAME)
    public JsonNode venue(@PathVariable("venue_id") UUID venueId) {
        var response = calls.idempotent(SERVICE, () ->
                downstream.venues().getVenue(GetVenueRequest.newBuilder().setVenueId(venueId.toString()).build()));
        return VenueJson.toRestShape(json.toJson(response.getVenue()));
    }
}
