package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.auth.AuthServerInterceptor;
import io.ticketmesh.platform.context.RequestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REST to gRPC: JSON mapping, status and ErrorInfo to problem+json, retries, and what travels downstream. */
class DownstreamTest extends GatewayTestBase {

    @Test
    void venueIsMappedToRestJson() {
        var venue = http().get("/api/v1/venues/" + FakeEventService.FOUND, null);
        assertThat(venue.status()).isEqualTo(200);
        var json = venue.json();
        assertThat(json.path("venue_id").asString()).isEqualTo(FakeEventService.FOUND);
        assertThat(json.path("revision").isIntegralNumber()).as("int64 is a JSON number").isTrue();
        assertThat(json.path("revision").asLong()).isEqualTo(3_000_000_000L);
        var section = json.path("seat_map").path("sections").get(0);
        assertThat(section.path("kind").asString()).isEqualTo("SEATED");
        var seat = section.path("rows").get(0).path("seats").get(0);
        assertThat(seat.path("seat_id").asString()).isEqualTo("seat-1");
        assertThat(seat.path("accessibility").get(0).asString()).as("API.md's name for seat features").isEqualTo("WHEELCHAIR");
    }

    @Test
    void venueCreationTranslatesTheRestBodyAndTheIdempotencyKey() {
        String token = newUser(http()).path("access_token").asString();
        String org = java.util.UUID.randomUUID().toString();
        String body = """
                {"name": "Little Theatre", "city": "Leeds", "address": "1 Main St", "timezone": "Europe/London",
                 "seat_map": {"sections": [{"name": "Stalls", "kind": "SEATED", "default_tier": "A",
                   "rows": [{"label": "A", "seats": [{"label": "1", "x": 0, "y": 0, "accessibility": ["WHEELCHAIR"]},
                                                     {"label": "2", "x": 1, "y": 0, "tier": "B"}]}]}]}}
                """;
        var created = http().post("/api/v1/organizations/" + org + "/venues", token, body, Map.of("Idempotency-Key", "venue-key-1"));
        assertThat(created.status()).isEqualTo(201);
        var seat = created.json().path("seat_map").path("sections").get(0).path("rows").get(0).path("seats").get(0);
        assertThat(seat.path("accessibility").get(0).asString()).isEqualTo("WHEELCHAIR");
        assertThat(seat.path("seat_id").asString()).matches("[0-9a-f-]{36}");

        var sent = FakeEventService.lastCreateRequest.get();
        assertThat(sent.getOrganizationId()).isEqualTo(org);
        assertThat(sent.getVenue().getSeatMap().getSections(0).getRows(0).getSeats(0).getFeatures(0))
                .isEqualTo(io.ticketmesh.proto.event.v1.SeatFeature.SEAT_FEATURE_WHEELCHAIR);
        assertThat(sent.getRequestId()).as("derived from the Idempotency-Key").matches("[0-9a-f-]{36}");

        var unknownKind = http().post("/api/v1/organizations/" + org + "/venues", token,
                body.replace("\"SEATED\"", "\"FLOATING\""));
        assertThat(unknownKind.status()).isEqualTo(400);
        var unknownField = http().post("/api/v1/organizations/" + org + "/venues", token, body.replace("\"city\"", "\"town\""));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(http().post("/api/v1/organizations/" + org + "/venues", token, "[1,2]").status()).isEqualTo(400);
    }

    @Test
    void notFoundBecomes404WithTheReason() {
        var response = http().get("/api/v1/venues/" + FakeEventService.MISSING, null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void fieldViolationsComeThrough() {
        var response = http().get("/api/v1/venues/" + FakeEventService.INVALID, null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("venue_id");
    }

    @Test
    void unavailableServiceIsRetriedThen503() {
        FakeEventService.downAttempts.set(0);
        var response = http().get("/api/v1/venues/" + FakeEventService.DOWN, null);
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("DEPENDENCY_UNAVAILABLE");
        assertThat(FakeEventService.downAttempts.get()).as("a read is retried").isEqualTo(3);
        assertThat(response.raw().body()).doesNotContain("restarting");
    }

    @Test
    void unimplementedBecomes501() {
        var response = http().get("/api/v1/venues/55555555-5555-5555-5555-555555555555", null);
        assertThat(response.status()).isEqualTo(501);
        assertThat(response.code()).isEqualTo("NOT_IMPLEMENTED");
    }

    @Test
    void callersTokenAndRequestIdTravelDownstream() {
        String token = newUser(http()).path("access_token").asString();
        new Http(port).post("/api/v1/organizations", token, Http.json(Map.of("name", "x")));
        var response = http().get("/api/v1/venues/" + FakeEventService.FOUND, token);
        assertThat(response.status()).isEqualTo(200);
        assertThat(FakeEventService.lastHeaders.get().get(AuthServerInterceptor.AUTHORIZATION)).isEqualTo("Bearer " + token);
        assertThat(FakeEventService.lastHeaders.get().get(RequestContext.METADATA_KEY)).isEqualTo(response.header("X-Request-Id"));
    }
}
