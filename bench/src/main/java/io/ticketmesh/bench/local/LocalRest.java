package io.ticketmesh.bench.local;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** The few REST calls the bench makes to set a showtime up through the gateway, as an organizer would. */
public final class LocalRest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private String token;

    public LocalRest(String gateway) {
        this.gateway = gateway;
    }

    public void login(String email, String password) throws IOException, InterruptedException {
        token = call("POST", "/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .getFieldsOrThrow("access_token").getStringValue();
    }

    /** Sends a JSON body (or none) with the organizer's token and a fresh Idempotency-Key; fails on any non-2xx. */
    public Struct call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        Struct.Builder body = Struct.newBuilder();
        if (!response.body().isBlank()) {
            try {
                JsonFormat.parser().merge(response.body(), body);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("not JSON from " + path, e);
            }
        }
        return body.build();
    }

    public static String text(Struct struct, String field) {
        return struct.getFieldsOrThrow(field).getStringValue();
    }
}
