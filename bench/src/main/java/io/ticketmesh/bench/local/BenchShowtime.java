package io.ticketmesh.bench.local;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;

/**
 * A large showtime made for a run through the gateway as the demo organizer (venue, event, showtime with a
 * 100-ticket limit, published), and cancelled afterwards so it leaves the catalog's search.
 */
public record BenchShowtime(String id) {

    public static BenchShowtime create(LocalRest rest, int rows, int perRow) throws IOException, InterruptedException {
        rest.login("owner@demo.ticketmesh.dev", "demo-password-1");
        String org = rest.call("GET", "/api/v1/me", null).getFieldsOrThrow("memberships").getListValue().getValues(0)
                .getStructValue().getFieldsOrThrow("organization_id").getStringValue();
        String venue = LocalRest.text(rest.call("POST", "/api/v1/organizations/" + org + "/venues", hall(rows, perRow)), "venue_id");
        String event = LocalRest.text(rest.call("POST", "/api/v1/organizations/" + org + "/events",
                "{\"title\":\"Benchmark run " + Instant.now() + "\",\"category\":\"OTHER\"}"), "event_id");
        String showtime = LocalRest.text(rest.call("POST", "/api/v1/events/" + event + "/showtimes", """
                {"venue_id":"%s","starts_at":"%s","max_tickets_per_user":100,
                 "price_tiers":[{"tier":"A","price":{"amount_minor":1500,"currency":"GBP"}}]}"""
                .formatted(venue, Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS))), "showtime_id");
        rest.call("POST", "/api/v1/showtimes/" + showtime + "/publish", null);
        for (int attempt = 0; ; attempt++) {
            try {
                rest.call("GET", "/api/v1/showtimes/" + showtime + "/seats", null);
                return new BenchShowtime(showtime);
            } catch (IllegalStateException notYet) {
                if (attempt > 300) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    public void cancel(LocalRest rest) throws IOException, InterruptedException {
        rest.call("POST", "/api/v1/showtimes/" + id + "/cancel", "{\"reason\":\"benchmark over\"}");
    }

    private static String hall(int rows, int perRow) {
        StringJoiner rowsJson = new StringJoiner(",");
        for (int r = 0; r < rows; r++) {
            StringJoiner seats = new StringJoiner(",");
            for (int n = 0; n < perRow; n++) {
                seats.add("{\"label\":\"" + (n + 1) + "\",\"x\":" + n + ",\"y\":" + r + "}");
            }
            rowsJson.add("{\"label\":\"R" + (r + 1) + "\",\"seats\":[" + seats + "]}");
        }
        return "{\"name\":\"Benchmark Arena\",\"city\":\"Benchtown\",\"timezone\":\"Europe/London\",\"seat_map\":{\"sections\":"
                + "[{\"name\":\"Floor\",\"kind\":\"SEATED\",\"default_tier\":\"A\",\"rows\":[" + rowsJson + "]}]}}";
    }
}
