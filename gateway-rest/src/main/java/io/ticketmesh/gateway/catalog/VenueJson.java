package io.ticketmesh.gateway.catalog;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST shape of a venue differs from the proto in one name: API.md calls a seat's attributes
 * {@code accessibility}, the contract {@code features}. Everything else maps one to one through ProtoJson.
 */
final class VenueJson {
    private static final String REST = "accessibility";
    private static final String PROTO = "features";

    private VenueJson() {}

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
