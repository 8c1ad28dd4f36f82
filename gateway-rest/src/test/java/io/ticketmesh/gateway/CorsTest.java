package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Browsers from the configured origins may call the API; others get no CORS grant. */
class CorsTest extends GatewayTestBase {

    private HttpResponse<String> preflight(String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void configuredOriginIsAllowed() throws Exception {
        HttpResponse<String> response = preflight("http://localhost:3000");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("idempotency-key");
    }

    @Test
    void otherOriginsAreNot() throws Exception {
        HttpResponse<String> response = preflight("https://evil.example");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
