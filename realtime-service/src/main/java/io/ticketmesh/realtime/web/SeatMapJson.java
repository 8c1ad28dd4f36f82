package io.ticketmesh.realtime.web;

import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import java.util.List;
import java.util.Map;

/**
 * The socket's JSON, written by hand: a 50,000-seat snapshot is 3 MB and is written once per watcher. Seat ids are
 * UUIDs and states enum names, so nothing needs escaping but an error's message and a section's name.
 */
final class SeatMapJson {
    private static final String STATE_PREFIX = "SEAT_STATE_";

    private SeatMapJson() {}

    static String snapshot(long version, Map<String, SeatState> seats, List<StandingAvailability> standing) {
        StringBuilder json = new StringBuilder(128 + seats.size() * 64 + standing.size() * 160).append("{\"type\":\"snapshot\",\"version\":")
                .append(version).append(",\"seats\":[");
        seats.forEach((seat, state) -> seat(json, seat, state).append(','));
        close(json).append("],");
        return standing(json, standing).append('}').toString();
    }

    /** A change: its seats, and {@code "standing"} only when standing areas' counts moved. */
    static String changes(long version, long previousVersion, List<SeatStateChange> changes, List<StandingAvailability> standing) {
        StringBuilder json = new StringBuilder(96 + changes.size() * 64 + standing.size() * 160).append("{\"type\":\"seats\",\"version\":")
                .append(version).append(",\"previous_version\":").append(previousVersion).append(",\"changes\":[");
        changes.forEach(change -> seat(json, change.getSeatId(), change.getState()).append(','));
        close(json).append(']');
        if (!standing.isEmpty()) {
            standing(json.append(','), standing);
        }
        return json.append('}').toString();
    }

    static String error(String code, String message) {
        return "{\"type\":\"error\",\"code\":\"" + code + "\",\"message\":\"" + escape(message == null ? "" : message) + "\"}";
    }

    private static StringBuilder seat(StringBuilder json, String seatId, SeatState state) {
        return json.append("{\"seat_id\":\"").append(seatId).append("\",\"state\":\"").append(state.name().substring(STATE_PREFIX.length()))
                .append("\"}");
    }

    /** {@code "standing":[{section_id, section, capacity, available, held, sold}, ...]}: section names are escaped. */
    private static StringBuilder standing(StringBuilder json, List<StandingAvailability> areas) {
        json.append("\"standing\":[");
        for (StandingAvailability area : areas) {
            json.append("{\"section_id\":\"").append(area.getSectionId()).append("\",\"section\":\"").append(escape(area.getSection()))
                    .append("\",\"capacity\":").append(area.getCapacity()).append(",\"available\":").append(area.getAvailable())
                    .append(",\"held\":").append(area.getHeld()).append(",\"sold\":").append(area.getSold()).append("},");
        }
        return close(json).append(']');
    }

    /** Drops the comma after the last element. */
    private static StringBuilder close(StringBuilder json) {
        if (json.charAt(json.length() - 1) == ',') {
            json.setLength(json.length() - 1);
        }
        return json;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
