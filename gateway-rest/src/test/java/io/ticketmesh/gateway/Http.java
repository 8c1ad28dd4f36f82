package io.ticketmesh.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small REST client for the gateway under test: JSON in, status, headers and JSON out. */
final class Http {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Response(int status, HttpResponse<String> raw) {
        JsonNode json() {
            return raw.body().isEmpty() ? JSON.nullNode() : JSON.readTree(raw.body());
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String code() {
            return json().path("code").asString();
        }
    }

    Response get(String path, String token) {
        return get(path, token, Map.of());
    }

    Response get(String path, String token, Map<String, String> headers) {
        return send(builder(path, token, headers).GET().build());
    }

    Response delete(String path, String token) {
        return send(builder(path, token, Map.of()).DELETE().build());
    }

    Response post(String path, String token, String body) {
        return post(path, token, body, Map.of());
    }

    Response post(String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = builder(path, token, headers)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    Response patch(String path, String token, String body) {
        return send(builder(path, token, Map.of("Content-Type", "application/json"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A JSON body sent with any method (POST, PUT, PATCH), with a fresh Idempotency-Key. */
    Response send(String method, String path, String token, String body) {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString());
        return send(builder(path, token, headers).method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private HttpRequest.Builder builder(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return request;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
