package io.ticketmesh.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds the demo catalog through the REST API as the demo owner: "Grand Hall", about 2,000 seats in three sections
 * with wheelchair spaces and companion seats, with three events; and "Riverside Arena", a standing floor of 1,500
 * places before two seated tiers, with one concert. Every showtime is on sale. Every call carries a fixed
 * Idempotency-Key, and event-service keeps request ids, so seeding again on the next start changes nothing (and a data
 * directory seeded before the arena existed gets just the arena).
 */
final class DemoCatalog {
    private static final String GATEWAY = "http://127.0.0.1:8080";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A venue with its seat map and the price tiers its showtimes charge. */
    private record Venue(String key, String seatMap, String priceTiers) {}

    private static final Venue GRAND_HALL = new Venue("grand-hall", grandHall(),
            tier("A", 6900) + "," + tier("B", 4900) + "," + tier("C", 2900));
    private static final Venue RIVERSIDE_ARENA = new Venue("riverside-arena", riversideArena(),
            tier("F", 4500) + "," + tier("A", 7500) + "," + tier("B", 3900));

    /** An event in a venue, with the start of each showtime. */
    private record Event(String key, Venue venue, String title, String description, String category, String duration, String... starts) {}

    /** Fixed dates, so a repeated seed sends the same requests; they lie well ahead of when this was written. */
    private static final List<Event> EVENTS = List.of(
            new Event("hamlet", GRAND_HALL, "Hamlet", "Shakespeare's tragedy in a new staging", "THEATRE", "10800s",
                    "2027-06-05T18:30:00Z", "2027-06-12T18:30:00Z"),
            new Event("nutcracker", GRAND_HALL, "The Nutcracker", "Tchaikovsky's ballet with the city orchestra", "DANCE", "7200s",
                    "2027-06-19T17:00:00Z", "2027-06-20T14:00:00Z"),
            new Event("jazz", GRAND_HALL, "Late Night Jazz", "A quartet from Oslo plays standards and their own", "CONCERT", "5400s",
                    "2027-07-03T20:00:00Z", "2027-07-10T20:00:00Z"),
            new Event("festival", RIVERSIDE_ARENA, "Riverside Summer Night", "Four bands on one stage, standing floor and seats",
                    "CONCERT", "14400s", "2027-08-14T18:00:00Z"));

    private DemoCatalog() {}

    /** Returns a one-line summary of what the demo catalog holds. */
    static String seed(String ownerEmail, String password) throws IOException, InterruptedException {
        String token = field(call("POST", "/api/v1/auth/login", null, null,
                "{\"email\":\"" + ownerEmail + "\",\"password\":\"" + password + "\"}"), "access_token");
        String organization = field(call("GET", "/api/v1/me", token, null, null), "organization_id");
        Map<Venue, String> venues = new LinkedHashMap<>();
        for (Venue venue : List.of(GRAND_HALL, RIVERSIDE_ARENA)) {
            venues.put(venue, field(call("POST", "/api/v1/organizations/" + organization + "/venues", token, "demo-venue-" + venue.key(),
                    venue.seatMap()), "venue_id"));
        }
        List<String> showtimes = new ArrayList<>();
        for (Event event : EVENTS) {
            String eventId = field(call("POST", "/api/v1/organizations/" + organization + "/events", token, "demo-event-" + event.key(),
                    "{\"title\":\"" + event.title() + "\",\"description\":\"" + event.description() + "\",\"category\":\""
                            + event.category() + "\",\"duration\":\"" + event.duration() + "\",\"language\":\"en\"}"), "event_id");
            for (int i = 0; i < event.starts().length; i++) {
                // the keys of the first seed, when showtimes were numbered from 5
                String showtime = field(call("POST", "/api/v1/events/" + eventId + "/showtimes", token, "demo-showtime-" + event.key() + "-" + (i + 5),
                        "{\"venue_id\":\"" + venues.get(event.venue()) + "\",\"starts_at\":\"" + event.starts()[i]
                                + "\",\"max_tickets_per_user\":8,\"price_tiers\":[" + event.venue().priceTiers() + "]}"), "showtime_id");
                call("POST", "/api/v1/showtimes/" + showtime + "/publish", token, "demo-publish-" + showtime, null);
                showtimes.add(showtime);
            }
        }
        return "Grand Hall (" + venues.get(GRAND_HALL) + ", 2,000 seats), Riverside Arena (" + venues.get(RIVERSIDE_ARENA)
                + ", 1,500 standing and 960 seats), " + EVENTS.size() + " events, " + showtimes.size()
                + " showtimes on sale, e.g. " + GATEWAY + "/api/v1/showtimes/" + showtimes.getFirst();
    }

    /** A standing floor of 1,500 places (tier F), then Tier 1 (12 x 40, tier A) and Tier 2 (12 x 40, tier B). */
    static String riversideArena() {
        return "{\"name\":\"Riverside Arena\",\"city\":\"Springfield\",\"address\":\"2 River Walk\","
                + "\"timezone\":\"Europe/London\",\"country_code\":\"GB\",\"seat_map\":{\"stage\":{\"x\":20,\"y\":-4},\"sections\":["
                + "{\"name\":\"Floor\",\"kind\":\"STANDING\",\"capacity\":1500,\"default_tier\":\"F\"},"
                + section("Tier 1", "A", 12, 40, 20, row -> "A", true) + "," + section("Tier 2", "B", 12, 40, 35, row -> "B", false) + "]}}";
    }

    /** Stalls 20 x 60 (rows 1-8 tier A, then B; wheelchair spaces and companions at the ends of the last row), Circle 10 x 50 and Balcony 6 x 50 in tier C. */
    static String grandHall() {
        StringBuilder json = new StringBuilder("{\"name\":\"Grand Hall\",\"city\":\"Springfield\",\"address\":\"1 Theatre Square\","
                + "\"timezone\":\"Europe/London\",\"country_code\":\"GB\",\"seat_map\":{\"stage\":{\"x\":30,\"y\":-4},\"sections\":[");
        json.append(section("Stalls", "C", 20, 60, 0, row -> row < 8 ? "A" : "B", true)).append(',');
        json.append(section("Circle", "C", 10, 50, 30, row -> "C", false)).append(',');
        json.append(section("Balcony", "C", 6, 50, 45, row -> "C", false));
        return json.append("]}}").toString();
    }

    private static String section(String name, String defaultTier, int rows, int perRow, int y0, IntFunction<String> tier, boolean accessible) {
        StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"kind\":\"SEATED\",\"default_tier\":\"" + defaultTier + "\",\"rows\":[");
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
