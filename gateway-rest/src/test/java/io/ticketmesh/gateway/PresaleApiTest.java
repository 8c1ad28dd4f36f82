package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.proto.ticket.v1.PresaleCodeState;
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

    @Test
    void issuedCodesListInPagesOrAllAtOnceAsCsv() {
        Http http = http();
        String token = register(http, uniqueEmail()).accessToken();
        String path = "/api/v1/showtimes/" + UUID.randomUUID() + "/presale/codes";
        assertThat(http.get(path, null).status()).as("the organizer's").isEqualTo(401);

        var page = http.get(path + "?state=Used&page_size=2", token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("codes").get(0).path("state").asString()).isEqualTo("USED");
        assertThat(page.json().path("next_page_token").asString()).isEqualTo("2");
        assertThat(FakeInventoryService.CODE_LISTS.getLast().getState()).isEqualTo(PresaleCodeState.PRESALE_CODE_STATE_USED);
        var unknown = http.get(path + "?state=lost", token);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("state");
        assertThat(unknown.json().path("detail").asString()).contains("UNUSED", "USED", "WITHDRAWN");

        var csv = http.get(path, token, Map.of("Accept", "text/csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.raw().body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("code,state,issued_at,used_at,withdrawn_at");
        assertThat(lines).as("every page of a thousand").hasSize(FakeInventoryService.ISSUED_CODES + 1)
                .contains("CODE-00000,UNUSED,2027-01-15T08:00:00Z,,", "CODE-02499,UNUSED,2027-01-15T08:00:00Z,,");
    }
}
