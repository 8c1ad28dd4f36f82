package io.ticketmesh.gateway;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** JSON the gateway answers, held against the schema its OpenAPI description gives it. */
final class DescribedJson {
    private DescribedJson() {}

    /** The schema itself, or the component it refers to. */
    static JsonNode resolve(JsonNode schema, JsonNode openapi) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : openapi.at(ref.substring(1));
    }

    /** The paths of the fields in {@code value}, at any depth, that {@code schema} does not describe, or of another type. */
    static List<String> undescribed(JsonNode value, JsonNode schema, JsonNode openapi) {
        List<String> found = new ArrayList<>();
        collect(value, resolve(schema, openapi), openapi, "", found);
        return found;
    }

    private static void collect(JsonNode value, JsonNode schema, JsonNode openapi, String at, List<String> found) {
        // a schema that gives properties or items without a type (the records' do) describes an object or array all the same
        String type = schema.path("type").asString(schema.has("properties") ? "object" : schema.has("items") ? "array" : "");
        if (value.isObject() && type.equals("object")) {
            for (var field : value.properties()) {
                JsonNode property = schema.path("properties").path(field.getKey());
                if (property.isMissingNode()) {
                    if (!schema.path("additionalProperties").isObject()) {
                        found.add(at + field.getKey());
                    }
                } else {
                    collect(field.getValue(), resolve(property, openapi), openapi, at + field.getKey() + ".", found);
                }
            }
        } else if (value.isArray() && type.equals("array")) {
            value.forEach(item -> collect(item, resolve(schema.path("items"), openapi), openapi, at, found));
        } else if (!type.isEmpty() && !matches(value, type)) {
            found.add(at + " (" + type + ")");
        }
    }

    private static boolean matches(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> !value.isArray() && !value.isObject();
        };
    }
}
