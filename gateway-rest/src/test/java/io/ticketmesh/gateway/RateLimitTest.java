package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.testing.TestInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Past the budget: 429 with Retry-After, counted in Redis. Its own context, with small budgets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitTest {
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void smallBudgets(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "identity_rl");
        registry.add("ticketmesh.gateway.rate-limits.auth-per-ip", () -> "4");
        registry.add("ticketmesh.gateway.rate-limits.per-user", () -> "7");
        registry.add("ticketmesh.gateway.rate-limits.per-ip", () -> "5000");
    }

    @Test
    void loginBurstGets429WithRetryAfter() {
        Http http = new Http(port);
        String body = Http.json(Map.of("email", "nobody@example.test", "password", "wrong password!"));
        int refused = 0;
        Http.Response last = null;
        for (int i = 0; i < 8; i++) {
            last = http.post("/api/v1/auth/login", null, body);
            if (last.status() == 429) {
                refused++;
            } else {
                assertThat(last.status()).isEqualTo(401);
            }
        }
        assertThat(refused).as("the stricter login budget of 4 per minute").isGreaterThanOrEqualTo(4);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.code()).isEqualTo("RATE_LIMITED");
        // the budget was spent within a second or two of the window's start: it is back when the window ends
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(50L, 60L);
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.ticketmesh.gateway.identity.IdentityService identity;

    @Test
    void oneUsersBurstGets429WhileOthersAreServed() {
        Http http = new Http(port);
        String email = "burst-" + java.util.UUID.randomUUID() + "@example.test";
        // made through the service: the login budget of 4 per minute belongs to the other test
        identity.register(email, "correct horse battery", "Burst");
        String token = identity.login(email, "correct horse battery").accessToken();
        int served = 0;
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            int status = http.get("/api/v1/me", token).status();
            if (status == 200) {
                served++;
            } else if (status == 429) {
                refused++;
            }
        }
        assertThat(served).isLessThanOrEqualTo(7);
        assertThat(refused).isGreaterThanOrEqualTo(5);
        assertThat(http.get("/.well-known/jwks.json", null).status()).as("anonymous callers have their own budget").isEqualTo(200);
    }
}
