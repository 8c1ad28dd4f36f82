package io.ticketmesh.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds the demo catalog through the REST API as the demo owner: "Grand Hall", about 2,000 seats in three sections
 * with wheelchair spaces and companion seats, and three events with showtimes on sale. Every call carries a fixed
 * Idempotency-Key, and event-service keeps request ids, so seeding again on the next start changes nothing.
 */
final class DemoCatalog {
    private static final String GATEWAY = "http://127.0.0.1:8080";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Fixed dates, so a repeated seed sends the same requests; they lie well ahead of when this was written. */
    private static final String[][] EVENTS = {
            {"hamlet", "Hamlet", "Shakespeare's tragedy in a new staging", "THEATRE", "10800s", "2027-06-05T18:30:00Z", "2027-06-12T18:30:00Z"},
            {"nutcracker", "The Nutcracker", "Tchaikovsky's ballet with the city orchestra", "DANCE", "7200s", "2027-06-19T17:00:00Z", "2027-06-20T14:00:00Z"},
            {"jazz", "Late Night Jazz", "A quartet from Oslo plays standards and their own", "CONCERT", "5400s", "2027-07-03T20:00:00Z", "2027-07-10T20:00:00Z"},
    };

    private DemoCatalog() {}

    /** Returns a one-line summary of what the demo catalog holds. */
    static String seed(String ownerEmail, String password) throws IOException, InterruptedException {
        String token = field(call("POST", "/api/v1/auth/login", null, null,
                "{\"email\":\"" + ownerEmail + "\",\"password\":\"" + password + "\"}"), "access_token");
        String organization = field(call("GET", "/api/v1/me", token, null, null), "organization_id");
        String venue = field(call("POST", "/api/v1/organizations/" + organization + "/venues", token, "demo-venue-grand-hall", grandHall()), "venue_id");
        List<String> showtimes = new ArrayList<>();
        for (String[] event : EVENTS) {
            String eventId = field(call("POST", "/api/v1/organizations/" + organization + "/events", token, "demo-event-" + event[0],
                    "{\"title\":\"" + event[1] + "\",\"description\":\"" + event[2] + "\",\"category\":\"" + event[3]
                            + "\",\"duration\":\"" + event[4] + "\",\"language\":\"en\"}"), "event_id");
            for (int i = 5; i < event.length; i++) {
                String showtime = field(call("POST", "/api/v1/events/" + eventId + "/showtimes", token, "demo-showtime-" + event[0] + "-" + i,
                        "{\"venue_id\":\"" + venue + "\",\"starts_at\":\"" + event[i] + "\",\"max_tickets_per_user\":8,\"price_tiers\":["
                                + tier("A", 6900) + "," + tier("B", 4900) + "," + tier("C", 2900) + "]}"), "showtime_id");
                call("POST", "/api/v1/showtimes/" + showtime + "/publish", token, "demo-publish-" + showtime, null);
                showtimes.add(showtime);
            }
        }
        return "Grand Hall (" + venue + ", 2,000 seats), " + EVENTS.length + " events, " + showtimes.size()
                + " showtimes on sale, e.g. " + GATEWAY + "/api/v1/showtimes/" + showtimes.getFirst();
    }

    /** Stalls 20 x 60 (rows 1-8 tier A, then B; wheelchair spaces and companions at the ends of the last row), Circle 10 x 50 and Balcony 6 x 50 in tier C. */
    static String grandHall() {
        StringBuilder json = new StringBuilder("{\"name\":\"Grand Hall\",\"city\":\"Springfield\",\"address\":\"1 Theatre Square\","
                + "\"timezone\":\"Europe/London\",\"country_code\":\"GB\",\"seat_map\":{\"stage\":{\"x\":30,\"y\":-4},\"sections\":[");
        json.append(section("Stalls", 20, 60, 0, row -> row < 8 ? "A" : "B", true)).append(',');
        json.append(section("Circle", 10, 50, 30, row -> "C", false)).append(',');
        json.append(section("Balcony", 6, 50, 45, row -> "C", false));
        return json.append("]}}").toString();
    }

    private static String section(String name, int rows, int perRow, int y0, java.util.function.IntFunction<String> tier, boolean accessible) {
        StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"kind\":\"SEATED\",\"default_tier\":\"C\",\"rows\":[");
        for (int r = 0; r < rows; r++) {
            json.append(r == 0 ? "" : ",").append("{\"label\":\"").append((char) ('A' + r)).append("\",\"seats\":[");
            for (int n = 0; n < perRow; n++) {
                String features = "";
                if (accessible && r == rows - 1 && (n == 0 || n == perRow - 1)) {
                    features = "\"WHEELCHAIR\",\"STEP_FREE\"";
                } else if (accessible && r == rows - 1 && (n == 1 || n == perRow - 2)) {
                    features = "\"COMPANION\",\"STEP_FREE\"";
                } else if (n == 0 || n == perRow - 1) {
                    features = "\"AISLE\"";
                }
                json.append(n == 0 ? "" : ",").append("{\"label\":\"").append(n + 1).append("\",\"x\":").append(n)
                        .append(",\"y\":").append(y0 + r).append(",\"tier\":\"").append(tier.apply(r))
                        .append("\",\"accessibility\":[").append(features).append("]}");
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    private static String tier(String name, long cents) {
        return "{\"tier\":\"" + name + "\",\"price\":{\"amount_minor\":" + cents + ",\"currency\":\"GBP\"}}";
    }

    private static String call(String method, String path, String token, String idempotencyKey, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The first string value of a top-level or nested field (enough for the answers read here). */
    private static String field(String json, String name) throws IOException {
        Matcher match = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!match.find()) {
            throw new IOException("no " + name + " in " + json);
        }
        return match.group(1);
    }
}
