package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.proto.ticket.v1.SeatState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST seat map over ticket-service's two views: the FULL map is the showtime's layout, read in full once per
 * catalog version, with the states of a STATES read taken for each request; gzip for clients that take it; ETags.
 */
class SeatMapRestTest extends GatewayTestBase {
    private final HttpClient client = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theFullMapIsReadInFullOncePerCatalogVersionAndCarriesEveryRequestsOwnStates() throws Exception {
        FakeInventoryService.Showtime showtime = FakeInventoryService.newShowtime();

        JsonNode first = json.readTree(get(showtime, "full", null, null).body());
        assertThat(states(first)).containsExactly("AVAILABLE", "AVAILABLE", "SOLD");
        assertThat(first.path("seats").get(0).path("price").path("amount_minor").asLong()).isEqualTo(4500);

        showtime.change(1, SeatState.SEAT_STATE_HELD);
        JsonNode held = json.readTree(get(showtime, "full", null, null).body());
        assertThat(states(held)).as("the states of a read made for this request").containsExactly("AVAILABLE", "HELD", "SOLD");
        assertThat(held.path("version").asLong()).isGreaterThan(first.path("version").asLong());
        assertThat(held.path("seats").get(1).path("seat_id").asString()).isEqualTo("seat-1");
        assertThat(showtime.fullReads.get()).as("the layout is read once").isEqualTo(1);
        assertThat(showtime.statesReads.get()).isEqualTo(2);

        showtime.reprice(5200);
        JsonNode repriced = json.readTree(get(showtime, "full", null, null).body());
        assertThat(repriced.path("catalog_version").asLong()).isEqualTo(first.path("catalog_version").asLong() + 1);
        assertThat(repriced.path("seats").get(0).path("price").path("amount_minor").asLong()).as("a new catalog version, a new layout")
                .isEqualTo(5200);
        assertThat(showtime.fullReads.get()).isEqualTo(2);

        JsonNode states = json.readTree(get(showtime, "states", null, null).body());
        assertThat(states.path("states").asString()).isEqualTo("AHS");
        assertThat(showtime.fullReads.get()).as("the states view reads no layout").isEqualTo(2);
    }

    @Test
    void bothViewsAreWhatTheOpenApiDescriptionSays() throws Exception {
        FakeInventoryService.Showtime showtime = FakeInventoryService.newShowtime();
        JsonNode openapi = json.readTree(get("/v3/api-docs").body());
        JsonNode described = openapi.at("/paths/~1api~1v1~1showtimes~1{showtime_id}~1seats/get/responses/200/content"
                + "/application~1json/schema");
        for (String view : new String[]{"full", "states"}) {
            JsonNode map = json.readTree(get(showtime, view, null, null).body());
            assertThat(DescribedJson.undescribed(map, described, openapi)).as(view).isEmpty();
        }
        assertThat(json.readTree(get(showtime, "states", null, null).body()).path("states").asString())
                .matches(DescribedJson.resolve(described, openapi).at("/properties/states/pattern").asString());
    }

    @Test
    void aClientThatTakesGzipGetsTheSameMapGzippedAndOthersGetItPlain() throws Exception {
        FakeInventoryService.Showtime showtime = FakeInventoryService.newShowtime();
        HttpResponse<byte[]> plain = get(showtime, "full", null, null);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();

        for (String accepts : new String[]{"gzip", "br, gzip;q=0.8", "*"}) {
            HttpResponse<byte[]> zipped = get(showtime, "full", accepts, null);
            assertThat(zipped.headers().firstValue("Content-Encoding")).as(accepts).contains("gzip");
            assertThat(zipped.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).containsIgnoringCase("Accept-Encoding"));
            assertThat(gunzip(zipped.body())).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
        }
        assertThat(get(showtime, "states", "gzip;q=0, identity", null).headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(get(showtime, "full", "deflate", null).headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void anETagAnswers304UntilASeatOrThePricesChange() throws Exception {
        FakeInventoryService.Showtime showtime = FakeInventoryService.newShowtime();
        for (String view : new String[]{"full", "states"}) {
            String etag = get(showtime, view, null, null).headers().firstValue("ETag").orElseThrow();
            assertThat(get(showtime, view, "gzip", etag).statusCode()).isEqualTo(304);

            showtime.change(0, SeatState.SEAT_STATE_BLOCKED);
            HttpResponse<byte[]> changed = get(showtime, view, "gzip", etag);
            assertThat(changed.statusCode()).isEqualTo(200);
            String next = changed.headers().firstValue("ETag").orElseThrow();
            assertThat(get(showtime, view, null, next).statusCode()).isEqualTo(304);

            showtime.reprice(6000);
            assertThat(get(showtime, view, null, next).statusCode()).as("prices are in the ETag").isEqualTo(200);
        }
    }

    @Test
    void anUnknownShowtimeIsNotFound() throws Exception {
        HttpResponse<byte[]> missing = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/showtimes/" + java.util.UUID.randomUUID() + "/seats")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(FakeInventoryService.Showtime showtime, String view, String acceptEncoding, String ifNoneMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/showtimes/" + showtime.id
                + "/seats?view=" + view));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static java.util.List<String> states(JsonNode map) {
        return map.path("seats").valueStream().map(seat -> seat.path("state").asString()).toList();
    }

    private static String gunzip(byte[] body) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
