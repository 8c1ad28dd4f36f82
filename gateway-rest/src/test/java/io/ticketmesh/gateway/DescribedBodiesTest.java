package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every body field the OpenAPI description names, of every operation and two levels deep, sent a value of another
 * JSON type, and every time field sent a date that does not exist: each is refused 400 naming the field by its path
 * ({@code payment.card_number}, {@code price_tiers[0].tier}). So the description and the gateway's reading agree, and
 * no field is read unchecked.
 */
class DescribedBodiesTest extends GatewayTestBase {
    private static final String IMPOSSIBLE_TIME = "2027-02-30T19:30:00Z";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /**
     * The card provider's signed webhook, which the gateway passes on byte for byte without reading: payment-service
     * refuses any body its signature does not cover before reading it (its PaymentTest), and none is signed here.
     */
    private static final String PASSED_ON = "/api/v1/payments/webhooks/simulated";

    record Refusal(String operation, String body, int status, String named) {}

    @Test
    void everyDescribedFieldRefusesAValueOfTheWrongShape() {
        Http http = http();
        String token = newUser(http).path("access_token").asString();
        String orgId = http.post("/api/v1/organizations", token, Http.json(Map.of("name", "Described Bodies Org"))).json()
                .path("id").asString();
        JsonNode openapi = http.get("/v3/api-docs", null).json();

        List<Refusal> wrong = new ArrayList<>();
        int sent = 0;
        for (var path : openapi.path("paths").properties()) {
            if (path.getKey().equals(PASSED_ON)) {
                continue;
            }
            for (var operation : path.getValue().properties()) {
                JsonNode schema = operation.getValue().at("/requestBody/content/application~1json/schema");
                String url = path.getKey().replaceAll("\\{org_id}", orgId).replaceAll("\\{\\w+}", UUID.randomUUID().toString());
                for (JsonNode body : alternatives(schema, openapi)) {
                    for (Case c : cases(body, "", openapi, 2)) {
                        var response = http.send(operation.getKey().toUpperCase(), url, token, c.body().toString());
                        sent++;
                        boolean problem = response.status() == 400
                                && response.header("Content-Type").startsWith("application/problem+json");
                        List<String> named = problem ? response.json().path("errors").findValuesAsString("field") : List.of();
                        if (named.stream().noneMatch(name -> name.equals(c.field()) || name.startsWith(c.field() + "."))) {
                            wrong.add(new Refusal(operation.getKey() + " " + path.getKey(), c.body().toString(),
                                    response.status(), String.join(",", named)));
                        }
                    }
                }
            }
        }
        assertThat(sent).as("fields tried").isGreaterThan(150);
        assertThat(wrong).as("fields not refused, or refused without being named").isEmpty();
    }

    /** A body with one field of the wrong shape, and the field's path as a refusal names it. */
    record Case(ObjectNode body, String field) {}

    /**
     * For each field of {@code object} (at {@code prefix}): a body with a value of another JSON type there, one with a
     * date that does not exist for a time, and, {@code depth} levels down, the same inside it (its first item for a
     * list of objects).
     */
    private static List<Case> cases(JsonNode object, String prefix, JsonNode openapi, int depth) {
        List<Case> cases = new ArrayList<>();
        for (var field : object.path("properties").properties()) {
            JsonNode type = DescribedJson.resolve(field.getValue(), openapi);
            String at = prefix + field.getKey();
            List<JsonNode> values = new ArrayList<>(List.of(otherShape(type.path("type").asString())));
            if (type.path("format").asString().equals("date-time")) {
                values.add(JSON.stringNode(IMPOSSIBLE_TIME));
            }
            values.forEach(value -> cases.add(new Case(JSON.objectNode().set(field.getKey(), value), at)));
            JsonNode items = DescribedJson.resolve(type.path("items"), openapi);
            if (depth > 1 && type.has("properties")) {
                cases(type, at + ".", openapi, depth - 1).forEach(inner ->
                        cases.add(new Case(JSON.objectNode().set(field.getKey(), inner.body()), inner.field())));
            } else if (depth > 1 && items.has("properties")) {
                cases(items, at + "[0].", openapi, depth - 1).forEach(inner ->
                        cases.add(new Case(JSON.objectNode().set(field.getKey(), JSON.arrayNode().add(inner.body())),
                                inner.field())));
            }
        }
        return cases;
    }

    /** The body's schema, or each of the bodies it may be (a hold by seats or best available), references resolved. */
    private static List<JsonNode> alternatives(JsonNode schema, JsonNode openapi) {
        if (schema.isMissingNode()) {
            return List.of();
        }
        JsonNode resolved = DescribedJson.resolve(schema, openapi);
        return resolved.has("anyOf") ? resolved.path("anyOf").valueStream().map(one -> DescribedJson.resolve(one, openapi)).toList()
                : List.of(resolved);
    }

    /** A JSON value of a type other than {@code type}. */
    private static JsonNode otherShape(String type) {
        return switch (type) {
            case "string" -> JSON.objectNode().put("not", "text");
            case "array" -> JSON.stringNode("not a list");
            case "object" -> JSON.arrayNode().add(1);
            default -> JSON.stringNode("not a " + type);
        };
    }
}
