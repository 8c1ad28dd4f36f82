package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.testing.TestInfrastructure;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway against real PostgreSQL and Redis, with event-service replaced by {@link FakeEventService} and
 * ticket-service's seat maps and transfers by {@link FakeInventoryService} and {@link FakeTicketService}, and
 * booking-service's promotion codes and CreateBooking by {@link FakeBookingService}, on in-process channels. Test classes extending this share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestBase {
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        FakeEventService.start();
        FakeInventoryService.start();
        FakeBookingService.start();
        TestInfrastructure.register(registry, "identity");
        registry.add("ticketmesh.gateway.services.event", () -> "in-process:" + FakeEventService.NAME);
        registry.add("ticketmesh.gateway.services.ticket", () -> "in-process:" + FakeInventoryService.NAME);
        registry.add("ticketmesh.gateway.services.booking", () -> "in-process:" + FakeBookingService.NAME);
        // new signing keys sign at once in tests
        registry.add("ticketmesh.gateway.tokens.key-prepublish", () -> "0s");
        registry.add("ticketmesh.gateway.max-body-bytes", () -> "65536");
        // payment-service is absent: nothing listens on port 1, whatever else runs here (a local stack's is on 8094)
        registry.add("ticketmesh.gateway.payment-webhook-url", () -> "http://127.0.0.1:1/webhooks/simulated");
        // budgets out of the way; RateLimitTest has its own small ones
        registry.add("ticketmesh.gateway.rate-limits.auth-per-ip", () -> "100000");
        registry.add("ticketmesh.gateway.rate-limits.per-ip", () -> "100000");
        registry.add("ticketmesh.gateway.rate-limits.per-user", () -> "100000");
    }

    Http http() {
        return new Http(port);
    }

    /**
     * Waits (30 s at most) until GET {@code path} with the token answers {@code status}: for what the gateway learns
     * from Kafka, such as a revoked access token.
     */
    static Http.Response awaitStatus(Http http, String path, String token, int status) {
        long deadline = System.currentTimeMillis() + 30_000;
        Http.Response response = http.get(path, token);
        while (response.status() != status && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            response = http.get(path, token);
        }
        return response;
    }

    /** Waits (30 s at most) until the account has {@code count} password reset links: requests are carried out after their answer. */
    static void awaitPasswordResets(DSLContext dsl, String userId, int count) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (dsl.fetchCount(dsl.selectFrom("password_resets").where("user_id = ?::uuid", userId)) < count) {
            assertThat(System.currentTimeMillis()).as("password resets of " + userId).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }

    static final String PASSWORD = "correct horse battery";

    /** A registered account (named Erin, with {@link #PASSWORD}) and the session it logged in with. */
    record Account(String id, String email, JsonNode session) {
        String accessToken() {
            return session.path("access_token").asString();
        }
    }

    static Account register(Http http, String email) {
        var registered = http.post("/api/v1/auth/register", null, Http.json(Map.of("email", email, "password", PASSWORD,
                "name", "Erin")));
        assertThat(registered.status()).isEqualTo(201);
        return new Account(registered.json().path("id").asString(), email, login(http, email).json());
    }

    static Http.Response login(Http http, String email) {
        return http.post("/api/v1/auth/login", null, Http.json(Map.of("email", email, "password", PASSWORD)));
    }

    /** Registers and logs in a new user; returns the login response body. */
    JsonNode newUser(Http http) {
        String email = uniqueEmail();
        var registered = http.post("/api/v1/auth/register", null, Http.json(Map.of("email", email,
                "password", "correct horse battery", "name", "Test Person")));
        if (registered.status() != 201) {
            throw new IllegalStateException("register failed: " + registered.raw().body());
        }
        var login = http.post("/api/v1/auth/login", null, Http.json(Map.of("email", email, "password", "correct horse battery")));
        return login.json();
    }
}
