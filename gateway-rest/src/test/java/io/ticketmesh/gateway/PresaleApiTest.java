package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A presale over REST: anyone sees it, a hold carries its code to ticket-service (which decides, see its PresaleTest),
 * and codes entered in holds count against the customer's budget of codes a minute, with promotion codes.
 */
class PresaleApiTest extends GatewayTestBase {

    @Test
    void aPresaleIsPublicAndAHoldsCodeReachesTicketServiceCountedAgainstTheCustomersCodes() {
        Http http = http();
        String showtime = UUID.randomUUID().toString();
        var presale = http.get("/api/v1/showtimes/" + showtime + "/presale", null);
        assertThat(presale.status()).as("no token needed").isEqualTo(200);
        assertThat(presale.json().path("presale").path("showtime_id").asString()).isEqualTo(showtime);

        String token = register(http, uniqueEmail()).accessToken();
        String seat = UUID.randomUUID().toString();
        var held = http.post("/api/v1/showtimes/" + showtime + "/holds", token, Http.json(Map.of("seat_ids", List.of(seat),
                "presale_code", "fanclub")));
        assertThat(held.status()).isEqualTo(201);
        assertThat(FakeInventoryService.HOLDS.getLast().getPresaleCode()).isEqualTo("fanclub");

        for (int i = 1; i < 20; i++) {
            assertThat(http.post("/api/v1/showtimes/" + showtime + "/holds", token, Http.json(Map.of("seat_ids", List.of(seat),
                    "presale_code", "GUESS-" + i))).status()).isEqualTo(201);
        }
        var limited = http.post("/api/v1/showtimes/" + showtime + "/holds", token, Http.json(Map.of("quantity", 1,
                "presale_code", "GUESS-20")));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(http.post("/api/v1/showtimes/" + showtime + "/holds", token, Http.json(Map.of("seat_ids", List.of(seat)))).status())
                .as("a hold without a code is not counted").isEqualTo(201);
    }
}
