package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A batch of broken requests against every endpoint: each gets 400, 413 or 415 problem+json with a code (naming
 * the field where there is one), never a 5xx, and nothing is written.
 */
class BadInputTest extends GatewayTestBase {
    @Autowired
    DSLContext dsl;

    record Case(String name, String path, String body, Map<String, String> headers, int status, String code, String field) {}

    private static List<Case> casesFor(String path, String validBody, String aStringField) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("malformed JSON", path, "{\"" + aStringField + "\": ", Map.of(), 400, "MALFORMED_REQUEST", null));
        cases.add(new Case("empty body", path, "", Map.of(), 400, "MALFORMED_REQUEST", null));
        cases.add(new Case("an array, not an object", path, "[]", Map.of(), 400, null, null));
        cases.add(new Case("wrong type", path, validBody.replaceFirst("\"" + aStringField + "\":\"[^\"]*\"", "\"" + aStringField + "\":{\"x\":1}"),
                Map.of(), 400, "VALIDATION_FAILED", aStringField));
        cases.add(new Case("number for a string", path, validBody.replaceFirst("\"" + aStringField + "\":\"[^\"]*\"", "\"" + aStringField + "\":42"),
                Map.of(), 400, "VALIDATION_FAILED", aStringField));
        cases.add(new Case("unknown field", path, validBody.replaceFirst("\\{", "{\"is_admin\":true,"), Map.of(), 400, "VALIDATION_FAILED", "is_admin"));
        cases.add(new Case("missing fields", path, "{}", Map.of(), 400, "VALIDATION_FAILED", aStringField));
        cases.add(new Case("null field", path, validBody.replaceFirst("\"" + aStringField + "\":\"[^\"]*\"", "\"" + aStringField + "\":null"),
                Map.of(), 400, "VALIDATION_FAILED", aStringField));
        cases.add(new Case("lone surrogate", path, validBody.replaceFirst("\"" + aStringField + "\":\"[^\"]*\"",
                "\"" + aStringField + "\":\"a\\\\ud800b\""), Map.of(), 400, "VALIDATION_FAILED", aStringField));
        cases.add(new Case("too large", path, "{\"" + aStringField + "\":\"" + "x".repeat(70_000) + "\"}", Map.of(), 413, "PAYLOAD_TOO_LARGE", null));
        cases.add(new Case("not JSON", path, "email=a", Map.of("Content-Type", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE", null));
        cases.add(new Case("trailing garbage", path, validBody + "}", Map.of(), 400, "MALFORMED_REQUEST", null));
        return cases;
    }

    @Test
    void everyEndpointRefusesBrokenInputCleanly() {
        Http http = http();
        String token = newUser(http).path("access_token").asString();
        String orgId = http.post("/api/v1/organizations", token, Http.json(Map.of("name", "Bad Input Org"))).json().path("id").asString();
        int usersBefore = dsl.fetchCount(dsl.selectFrom("users"));
        int organizationsBefore = dsl.fetchCount(dsl.selectFrom("organizations"));
        int membershipsBefore = dsl.fetchCount(dsl.selectFrom("memberships"));

        List<Case> cases = new ArrayList<>();
        cases.addAll(casesFor("/api/v1/auth/register", "{\"email\":\"x@example.test\",\"password\":\"correct horse battery\",\"name\":\"X\"}", "email"));
        cases.addAll(casesFor("/api/v1/auth/login", "{\"email\":\"x@example.test\",\"password\":\"correct horse battery\"}", "email"));
        cases.addAll(casesFor("/api/v1/auth/refresh", "{\"refresh_token\":\"abc\"}", "refresh_token"));
        cases.addAll(casesFor("/api/v1/organizations", "{\"name\":\"Org\"}", "name"));
        String members = "/api/v1/organizations/" + orgId + "/members";
        cases.addAll(casesFor(members, "{\"email\":\"x@example.test\",\"role\":\"STAFF\"}", "email"));
        cases.add(new Case("unknown enum value", members, "{\"email\":\"x@example.test\",\"role\":\"KING\"}", Map.of(), 400, "VALIDATION_FAILED", "role"));
        cases.add(new Case("enum as number", members, "{\"email\":\"x@example.test\",\"role\":1}", Map.of(), 400, "VALIDATION_FAILED", "role"));
        cases.add(new Case("path id not an id", "/api/v1/organizations/not-an-id/members", "{\"email\":\"x@example.test\",\"role\":\"STAFF\"}",
                Map.of(), 400, "VALIDATION_FAILED", "org_id"));
        cases.add(new Case("bad Idempotency-Key", "/api/v1/organizations", "{\"name\":\"Org\"}", Map.of("Idempotency-Key", "has spaces in it"),
                400, "VALIDATION_FAILED", "Idempotency-Key"));

        for (Case c : cases) {
            var response = http.post(c.path(), token, c.body(), c.headers());
            String label = c.path() + " / " + c.name() + " -> " + response.raw().body();
            assertThat(response.status()).as(label).isEqualTo(c.status());
            assertThat(response.header("Content-Type")).as(label).startsWith("application/problem+json");
            assertThat(response.code()).as(label).isNotBlank();
            if (c.code() != null) {
                assertThat(response.code()).as(label).isEqualTo(c.code());
            }
            if (c.field() != null) {
                assertThat(response.json().path("errors").findValuesAsString("field")).as(label).contains(c.field());
            }
            assertThat(response.json().path("request_id").asString()).as(label).isNotBlank();
            assertThat(response.raw().body()).as(label).doesNotContain("Exception").doesNotContain("at io.");
        }

        var venue = http.get("/api/v1/venues/xyz", null);
        assertThat(venue.status()).isEqualTo(400);
        assertThat(venue.json().path("errors").get(0).path("field").asString()).isEqualTo("venue_id");
        var blank = http.get("/api/v1/venues/%20", null);
        assertThat(blank.status()).as("a blank path id").isEqualTo(400);
        assertThat(blank.json().path("errors").get(0).path("field").asString()).isEqualTo("venue_id");
        assertThat(http.post("/api/v1/organizations/%09/members", token, "{\"email\":\"x@example.test\",\"role\":\"STAFF\"}").status())
                .as("a blank path id on a write").isEqualTo(400);
        assertThat(http.get("/api/v1/no-such-thing", token).status()).isEqualTo(404);
        var search = http.get("/api/v1/events?category=THEATRE,CIRCUS&status=UNSPECIFIED&from=yesterday&to=2026-13-01", null);
        assertThat(search.status()).isEqualTo(400);
        assertThat(search.json().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("category", "status", "from", "to");
        assertThat(http.get("/api/v1/events?page_size=many", null).status()).isEqualTo(400);
        var undecodable = http.get("/api/v1/events?q=%C3%28", null); // percent-encoded, but not UTF-8
        assertThat(undecodable.status()).isEqualTo(400);
        assertThat(undecodable.code()).isEqualTo("MALFORMED_REQUEST");
        // headers past Tomcat's limit are refused before the gateway's code runs, still as a problem
        var oversized = http.post("/api/v1/auth/login", null, "{}", Map.of("X-Padding", "a".repeat(20_000)));
        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(oversized.code()).isEqualTo("MALFORMED_REQUEST");
        // a path the security firewall refuses
        var rejected = http.get("/api/v1/events;x=1", null);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(rejected.code()).isEqualTo("MALFORMED_REQUEST");

        assertThat(dsl.fetchCount(dsl.selectFrom("users"))).as("nothing written").isEqualTo(usersBefore);
        assertThat(dsl.fetchCount(dsl.selectFrom("organizations"))).isEqualTo(organizationsBefore);
        assertThat(dsl.fetchCount(dsl.selectFrom("memberships"))).isEqualTo(membershipsBefore);
    }
}
