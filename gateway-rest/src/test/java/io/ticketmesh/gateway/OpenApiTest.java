package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description lists every endpoint the gateway serves, with its error responses. */
class OpenApiTest extends GatewayTestBase {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointIsDescribedWithItsErrors() {
        var docs = http().get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode openapi = docs.json();
        assertThat(openapi.path("openapi").asString()).startsWith("3.1");

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (method.getBeanType().getPackageName().startsWith("io.ticketmesh.gateway")) {
                info.getPathPatternsCondition().getPatternValues().forEach(path ->
                        info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name().toLowerCase() + " " + path)));
            }
        });
        Set<String> described = new TreeSet<>();
        JsonNode transfer = openapi.at("/paths/~1api~1v1~1tickets~1{ticket_id}~1transfer/post/responses");
        assertThat(transfer.at("/200/content/application~1json/schema/$ref").asString()).endsWith("ticketmesh.ticket.v1.Ticket");
        assertThat(transfer.at("/202/content/application~1json/schema/$ref").asString()).endsWith("ticketmesh.ticket.v1.TicketOffer");

        openapi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            described.add(op.getKey() + " " + path.getKey());
            if (!path.getKey().equals("/.well-known/jwks.json")) {
                assertThat(op.getValue().path("responses").propertyNames())
                        .as(op.getKey() + " " + path.getKey() + " documents its errors")
                        .anyMatch(code -> code.startsWith("4") || code.startsWith("5"));
            }
        }));
        assertThat(served).isNotEmpty();
        assertThat(described).containsAll(served);
        assertThat(openapi.at("/paths/~1api~1v1~1showtimes~1{showtime_id}~1seats/get/responses/200/content/application~1json/schema/$ref")
                .asString()).as("the seat map, written as bytes, is described as the document it is").endsWith("/SeatMap");
        assertThat(openapi.at("/paths/~1api~1v1~1showtimes~1{showtime_id}~1seats/get/parameters").valueStream()
                .filter(parameter -> parameter.path("name").asString().equals("view"))
                .map(parameter -> parameter.at("/schema/enum").valueStream().map(JsonNode::asString).toList()))
                .as("the seat map's views").containsExactly(List.of("full", "states"));
    }

    @Test
    void theDocumentsTheGatewayPutsTogetherAreDescribedByTheProtoComponentsTheyAreMadeOf() {
        JsonNode openapi = http().get("/v3/api-docs", null).json();
        JsonNode schemas = openapi.at("/components/schemas");

        JsonNode seatMap = schemas.path("SeatMap").path("properties");
        assertThat(seatMap.at("/seats/items/$ref").asString()).endsWith("/ticketmesh.ticket.v1.SeatAvailability");
        assertThat(seatMap.at("/standing/items/$ref").asString()).endsWith("/ticketmesh.ticket.v1.StandingAvailability");
        assertThat(seatMap.at("/states/type").asString()).isEqualTo("string");
        assertThat(seatMap.propertyNames()).contains("showtime_id", "version", "catalog_version", "on_sale")
                .as("the gRPC-only fields").doesNotContain("seat_states", "standing_places");

        JsonNode export = openapi.at("/paths/~1api~1v1~1me~1export/get/responses/200/content/application~1json/schema/$ref");
        assertThat(export.asString()).endsWith("/AccountExport");
        JsonNode document = schemas.path("AccountExport").path("properties");
        assertThat(document.at("/bookings/items/$ref").asString()).endsWith("/ticketmesh.booking.v1.Booking");
        assertThat(document.at("/ticket_offers/items/$ref").asString()).endsWith("/ticketmesh.ticket.v1.TicketOffer");
        assertThat(document.at("/notifications/$ref").asString()).endsWith("/ticketmesh.notification.v1.ExportNotificationsResponse");
        assertThat(document.at("/account/$ref").asString()).endsWith("/MeResponse");

        for (String keys : List.of("/paths/~1.well-known~1jwks.json/get", "/paths/~1api~1v1~1tickets~1verification-keys/get")) {
            assertThat(openapi.at(keys + "/responses/200/content/application~1json/schema/$ref").asString()).endsWith("/JsonWebKeySet");
        }
        assertThat(openapi.at("/paths/~1api~1v1~1auth~1service-token/post/responses/200/content/application~1json/schema/$ref")
                .asString()).endsWith("/ServiceToken");
        assertThat(schemas.at("/ServiceToken/properties").propertyNames()).containsExactlyInAnyOrder("access_token", "token_type",
                "expires_in");

        assertThat(openapi.at("/paths/~1api~1v1~1payments~1webhooks~1simulated/post/requestBody/content/application~1json/schema/$ref")
                .asString()).endsWith("/ProviderEvent");
        assertThat(schemas.at("/ticketmesh.booking.v1.Booking/properties/total/$ref").asString()).as("API.md's total on every booking")
                .endsWith("/ticketmesh.common.v1.Money");
        assertThat(schemas.at("/ticketmesh.booking.v1.Booking/properties/next_action/properties").propertyNames()).contains("url");
        JsonNode showtime = openapi.at("/paths/~1api~1v1~1showtimes~1{showtime_id}/get/responses/200/content/application~1json/schema");
        assertThat(showtime.path("properties").propertyNames()).as("the showtime with what the gateway puts beside it")
                .contains("showtime_id", "starts_at", "event", "venue_name", "city");
        assertThat(showtime.at("/properties/event/$ref").asString()).endsWith("/ticketmesh.event.v1.Event");
        assertThat(openapi.at("/paths/~1api~1v1~1events~1{event_id}/get/responses/200/content/application~1json/schema/properties")
                .propertyNames()).contains("event_id", "upcoming_showtimes");
        assertThat(schemas.at("/MeResponse/properties").propertyNames()).as("records named as the web's Jackson names them")
                .contains("memberships");
        assertThat(schemas.at("/MembershipResponse/properties").propertyNames()).contains("organization_id", "organization_name");
        assertThat(openapi.at("/paths/~1api~1v1~1me~1password/post/requestBody/content/application~1json/schema/$ref").asString())
                .satisfies(body -> assertThat(schemas.at("/" + body.substring(body.lastIndexOf('/') + 1) + "/properties").propertyNames())
                        .containsExactlyInAnyOrder("current_password", "new_password"));

        Set<String> references = new TreeSet<>();
        collectReferences(openapi, references);
        assertThat(references).as("every reference names a component").allSatisfy(reference ->
                assertThat(schemas.has(reference.substring("#/components/schemas/".length()))).as(reference).isTrue());
    }

    private static void collectReferences(JsonNode node, Set<String> references) {
        if (node.has("$ref")) {
            references.add(node.path("$ref").asString());
        }
        node.values().forEach(child -> collectReferences(child, references));
    }

    @Test
    void bodiesHaveTheSchemasOfTheirProtoMessagesAndErrorsAreProblems() {
        JsonNode openapi = http().get("/v3/api-docs", null).json();
        assertThat(openapi.toString()).as("no Jackson tree described as a type of its own").doesNotContain("JsonNode");
        JsonNode schemas = openapi.at("/components/schemas");

        JsonNode hold = openapi.at("/paths/~1api~1v1~1showtimes~1{showtime_id}~1holds/post/requestBody/content/application~1json/schema");
        JsonNode bySeats = hold.at("/anyOf/0/properties");
        JsonNode bestAvailable = hold.at("/anyOf/1/properties");
        assertThat(bySeats.at("/seat_ids/type").asString()).isEqualTo("array");
        assertThat(bySeats.at("/seat_ids/items/type").asString()).isEqualTo("string");
        assertThat(bestAvailable.at("/quantity/format").asString()).isEqualTo("int32");
        assertThat(bestAvailable.at("/accessibility/items/enum").valueStream().map(JsonNode::asString).toList())
                .as("enum values as REST writes them, renamed as the body names them").contains("WHEELCHAIR").doesNotContain("UNSPECIFIED");
        assertThat(bestAvailable.at("/accessibility/items/description").asString()).as("each value's comment in proto/")
                .contains("AISLE: The seat is at an aisle.");
        assertThat(bestAvailable.propertyNames()).as("what the gateway sets itself or no customer may send")
                .doesNotContain("request_id", "showtime_id", "for_user_id", "features");

        JsonNode showtime = openapi.at("/paths/~1api~1v1~1events~1{event_id}~1showtimes/post/requestBody/content/application~1json/schema");
        assertThat(showtime.at("/properties/starts_at/format").asString()).isEqualTo("date-time");
        assertThat(showtime.propertyNames()).doesNotContain("event_id", "showtime_id", "status", "version");
        assertThat(showtime.at("/properties/max_tickets_per_user/description").asString()).as("the contract's comment")
                .startsWith("Most tickets one customer may hold and buy for this showtime");
        assertThat(schemas.at("/ticketmesh.event.v1.CustomerRefundStep/properties/before_start/description").asString())
                .isEqualTo("How long before the show the step begins. (seconds with an s suffix, e.g. 300s)");
        String tier = showtime.at("/properties/price_tiers/items/$ref").asString();
        assertThat(tier).isEqualTo("#/components/schemas/ticketmesh.event.v1.PriceTier");
        String money = schemas.at("/ticketmesh.event.v1.PriceTier/properties/price/$ref").asString();
        assertThat(schemas.path(money.substring(money.lastIndexOf('/') + 1)).at("/properties/amount_minor/format").asString())
                .as("64-bit integers are JSON numbers").isEqualTo("int64");

        assertThat(openapi.at("/paths/~1api~1v1~1showtimes~1{showtime_id}~1sales/get/responses/200/content").propertyNames())
                .as("one path answering JSON or CSV by the Accept header").containsExactlyInAnyOrder("application/json", "text/csv");
        assertThat(openapi.at("/paths/~1api~1v1~1showtimes~1{showtime_id}~1presale~1codes/get/responses/200/content").propertyNames())
                .containsExactlyInAnyOrder("application/json", "text/csv");
        JsonNode venue = openapi.at("/paths/~1api~1v1~1organizations~1{org_id}~1venues/post/requestBody/content/application~1json/schema");
        assertThat(venue.at("/properties/venue_id/readOnly").asBoolean()).as("a venue read may be posted back as a copy").isTrue();
        assertThat(venue.at("/properties/name/readOnly").asBoolean()).isFalse();
        assertThat(openapi.at("/paths/~1api~1v1~1venues~1{venue_id}/patch/requestBody/content/application~1json/schema/properties")
                .propertyNames()).as("what a venue's correction may change")
                .containsExactlyInAnyOrder("name", "city", "address", "country_code");

        JsonNode booking = openapi.at("/paths/~1api~1v1~1bookings/post/requestBody/content/application~1json/schema/properties");
        assertThat(schemas.at("/ticketmesh.booking.v1.Booking/properties/status/enum").valueStream().map(JsonNode::asString).toList())
                .as("an answer's enum never set reads UNSPECIFIED").contains("CONFIRMED", "UNSPECIFIED");
        assertThat(booking.at("/payment/properties").propertyNames()).contains("card_number", "exp_month", "exp_year", "cvc");
        assertThat(booking.propertyNames()).contains("hold_id", "promo_code", "box_office").doesNotContain("card", "request_id");

        openapi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                op.getValue().path("responses").properties().forEach(response -> {
                    String answer = op.getKey() + " " + path.getKey() + " " + response.getKey();
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asString())
                                .as(answer).isEqualTo("#/components/schemas/Problem");
                    } else if (response.getKey().equals("204") || response.getKey().startsWith("3")) {
                        assertThat(response.getValue().has("content")).as(answer + " has no body").isFalse();
                    } else {
                        assertThat(response.getValue().path("content").propertyNames()).as(answer + " names its media type")
                                .doesNotContain("*/*");
                    }
                })));
        assertThat(openapi.at("/info/title").asString()).isEqualTo("Ticketmesh REST API");
        assertThat(openapi.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(openapi.at("/paths/~1api~1v1~1bookings/post/security/0/bearer").isArray()).as("a booking needs a token").isTrue();
        assertThat(openapi.at("/paths/~1api~1v1~1events/get/security/0").isEmpty()).as("search needs none").isTrue();
        assertThat(schemas.at("/Problem/properties").propertyNames()).contains("status", "title", "detail", "code", "errors", "request_id");
        assertThat(schemas.at("/Problem/properties/code/description").asString()).contains("SEAT_UNAVAILABLE");
        assertThat(schemas.at("/Problem/properties/seat_ids/items/type").asString()).as("a detail in its JSON type").isEqualTo("string");
        assertThat(schemas.at("/Problem/properties/held_or_bought/type").asString()).isEqualTo("integer");
        assertThat(schemas.at("/Problem/properties/checked_in_at/format").asString()).isEqualTo("date-time");
        assertThat(schemas.at("/Problem/properties/retry_after_seconds/description").asString()).startsWith("RATE_LIMITED");
    }

    @Test
    void browsableUiIsServed() {
        var ui = http().get("/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw().body()).containsIgnoringCase("swagger");
    }
}
