package io.ticketmesh.platform.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This service's own access token, for work it does on nobody's request (a saga resumed after a restart, a
 * compensation hours later): fetched from the gateway by the OAuth 2 client-credentials grant, kept until a
 * minute before it expires. Downstream services see platform role SERVICE and subject {@code service:<client id>}.
 */
public final class ServiceTokens {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI tokenUrl;
    private final String form;
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    public ServiceTokens(String tokenUrl, String clientId, String clientSecret) {
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalStateException("missing required setting TICKETMESH_SERVICE_SECRET (ticketmesh.service-identity.client-secret)");
        }
        this.tokenUrl = URI.create(tokenUrl);
        this.form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    }

    /** A valid token; fetches a new one when the last is near its end. Fails with an unchecked exception when the gateway cannot be reached. */
    public String current() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            synchronized (this) {
                if (token == null || Instant.now().isAfter(renewAt)) {
                    fetch();
                }
            }
        }
        return token;
    }

    private void fetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher access = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !access.find()) {
                throw new IllegalStateException("the token endpoint " + tokenUrl + " answered " + response.statusCode());
            }
            Matcher expires = EXPIRES_IN.matcher(response.body());
            long seconds = expires.find() ? Long.parseLong(expires.group(1)) : 300;
            token = access.group(1);
            renewAt = Instant.now().plusSeconds(Math.max(seconds / 2, seconds - 60));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the token endpoint " + tokenUrl + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a service token", e);
        }
    }
}
