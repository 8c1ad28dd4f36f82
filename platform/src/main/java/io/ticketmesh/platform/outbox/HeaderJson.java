package io.ticketmesh.platform.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The outbox's headers column: a flat JSON object of strings. */
final class HeaderJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    private HeaderJson() {}

    static String write(Map<String, String> headers) {
        return JSON.writeValueAsString(headers);
    }

    static Map<String, String> read(String json) {
        return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, MAP);
    }
}
