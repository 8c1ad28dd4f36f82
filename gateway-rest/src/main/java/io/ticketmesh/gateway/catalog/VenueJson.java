package io.ticketmesh.gateway.catalog;

import io.ticketmesh.gateway.web.RestFieldNames;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST shape of a venue differs from the proto in one name: API.md calls a seat's attributes
 * {@code accessibility}, the contract {@code features}. Everything else maps one to one through ProtoJson. Field
 * violations are renamed to match.
 */
final class VenueJson {
    private static final String REST = "accessibility";
    private static final String PROTO = "features";
    /** The rename as the OpenAPI annotations take it ({@code proto=rest}). */
    static final String RENAME = PROTO + "=" + REST;

    /** A seat's {@code features} in a field violation's path: {@code seats[3].features[0]}. */
    private static final Pattern SEAT_FEATURES = Pattern.compile("(seats\\[\\d+]\\.)" + PROTO);

    private VenueJson() {}

    /** A field violation's path in a CreateVenueRequest, as the REST body (the venue itself) names the field. */
    static String restField(String field) {
        return SEAT_FEATURES.matcher(RestFieldNames.restName(field, Map.of("venue", ""))).replaceAll("$1" + REST);
    }

    static JsonNode toProtoShape(JsonNode venue) {
        renameInSeats(venue, REST, PROTO);
        return venue;
    }

    static JsonNode toRestShape(JsonNode venue) {
        renameInSeats(venue, PROTO, REST);
        return venue;
    }

    private static void renameInSeats(JsonNode venue, String from, String to) {
        for (JsonNode section : venue.path("seat_map").path("sections")) {
            for (JsonNode row : section.path("rows")) {
                for (JsonNode seat : row.path("seats")) {
                    if (seat instanceof ObjectNode object && object.has(from)) {
                        object.set(to, object.remove(from));
                    }
                }
            }
        }
    }
}
