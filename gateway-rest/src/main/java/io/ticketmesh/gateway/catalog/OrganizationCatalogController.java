package io.ticketmesh.gateway.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.web.QueryTimes;
import io.ticketmesh.proto.event.v1.ListEventsRequest;
import io.ticketmesh.proto.event.v1.ListEventsResponse;
import io.ticketmesh.proto.event.v1.ListShowtimesRequest;
import io.ticketmesh.proto.event.v1.ListShowtimesResponse;
import io.ticketmesh.proto.event.v1.ListVenuesRequest;
import io.ticketmesh.proto.event.v1.ListVenuesResponse;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What an organization has in the catalog, for its organizers' screens: its venues, events and showtimes, a page at a time. */
@RestController
@Tag(name = "Catalog")
public class OrganizationCatalogController {
    private static final String SERVICE = "event-service";
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public OrganizationCatalogController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @GetMapping("/api/v1/organizations/{org_id}/venues")
    @Operation(summary = "The organization's venues, newest first, without their seat maps (GET /api/v1/venues/{venue_id} has the map)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{venues: [{venue_id, name, city, address, timezone, capacity, ...}], "
                            + "next_page_token}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: page_size outside 0-500, a page_token not ours, of a list with other filters or of another caller")})
    @ProtoAnswer(ListVenuesResponse.class)
    public JsonNode venues(@PathVariable("org_id") UUID organizationId,
                           @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                           @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        ObjectNode page = (ObjectNode) json.toJson(calls.idempotent(SERVICE, () -> downstream.venues().listVenues(ListVenuesRequest.newBuilder()
                .setOrganizationId(organizationId.toString()).setPageSize(pageSize).setPageToken(pageToken).build())));
        page.withArray("venues").forEach(VenueJson::toRestShape);
        return page;
    }

    @GetMapping("/api/v1/organizations/{org_id}/events")
    @Operation(summary = "The organization's events, newest first; for anyone but its members only those with a showtime out of "
            + "draft (on sale, sold out, cancelled or ended)", responses = {
            @ApiResponse(responseCode = "200", description = "{events: [{event_id, title, category, duration, ...}], next_page_token}"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: page_size outside 0-500, a page_token not ours, of a list with other filters or of another caller")})
    @ProtoAnswer(ListEventsResponse.class)
    public JsonNode events(@PathVariable("org_id") UUID organizationId,
                           @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                           @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.events().listEvents(ListEventsRequest.newBuilder()
                .setOrganizationId(organizationId.toString()).setPageSize(pageSize).setPageToken(pageToken).build())));
    }

    @GetMapping("/api/v1/organizations/{org_id}/showtimes")
    @Operation(summary = "The organization's showtimes from a time on (from: RFC 3339 or a date; now when left out), soonest first; "
            + "drafts only for its members", responses = {
            @ApiResponse(responseCode = "200", description = "{showtimes: [{showtime_id, event_id, venue_id, starts_at, status, ...}], "
                    + "next_page_token}"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: from, page_size outside 0-500, a page_token not ours, of a list with other filters or of another caller")})
    @ProtoAnswer(ListShowtimesResponse.class)
    public JsonNode showtimes(@PathVariable("org_id") UUID organizationId,
                              @RequestParam(name = "from", defaultValue = "") String from,
                              @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                              @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        ListShowtimesRequest.Builder request = ListShowtimesRequest.newBuilder().setOrganizationId(organizationId.toString())
                .setPageSize(pageSize).setPageToken(pageToken);
        if (!from.isBlank()) {
            request.setFrom(QueryTimes.required("from", from));
        }
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.events().listShowtimes(request.build())));
    }
}
