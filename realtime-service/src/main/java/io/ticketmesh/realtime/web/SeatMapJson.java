package io.ticketmesh.realtime.web;

import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import java.util.List;
import java.util.Map;

/**
 * The socket's JSON, written by hand: a 50,000-seat snapshot is 3 MB and is written once per watcher. Seat ids are
 * UUIDs and states enum names, so nothing needs escaping but an error's message.
 */
final class SeatMapJson {
    private static final String STATE_PREFIX = "SEAT_STATE_";

    private SeatMapJson() {}

    static String snapshot(long version, Map<String, SeatState> seats) {
        StringBuilder json = new StringBuilder(64 + seats.size() * 64).append("{\"type\":\"snapshot\",\"version\":").append(version)
                .append(",\"seats\":[");
        seats.forEach((seat, state) -> seat(json, seat, state).append(','));
        return close(json).append("]}").toString();
    }

    static String changes(long version, long previousVersion, List<SeatStateChange> changes) {
        StringBuilder json = new StringBuilder(96 + changes.size() * 64).append("{\"type\":\"seats\",\"version\":").append(version)
                .append(",\"previous_version\":").append(previousVersion).append(",\"changes\":[");
        changes.forEach(change -> seat(json, change.getSeatId(), change.getState()).append(','));
        return close(json).append("]}").toString();
    }

    static String error(String code, String message) {
        return "{\"type\":\"error\",\"code\":\"" + code + "\",\"message\":\"" + escape(message == null ? "" : message) + "\"}";
    }

    private static StringBuilder seat(StringBuilder json, String seatId, SeatState state) {
        return json.append("{\"seat_id\":\"").append(seatId).append("\",\"state\":\"").append(state.name().substring(STATE_PREFIX.length()))
                .append("\"}");
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
