package io.ticketmesh.payment.provider;

import io.ticketmesh.payment.config.PaymentProperties;
import io.ticketmesh.payment.payment.WebhookSignatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The simulated provider's webhook deliveries: a signed JSON event POSTed to the configured URL, retried with
 * back-off until it is answered 2xx (a real provider retries for days; this one for about a minute).
 */
@Component
public class ProviderWebhooks {
    private static final Logger log = LoggerFactory.getLogger(ProviderWebhooks.class);
    private static final int ATTEMPTS = 8;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final PaymentProperties properties;
    private final Clock clock;

    public ProviderWebhooks(PaymentProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends the event in the background. */
    void deliver(String type, String chargeId, String declineCode) {
        String body = "{\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "") + "\",\"type\":\"" + type
                + "\",\"created\":" + clock.instant().getEpochSecond() + ",\"data\":{\"charge_id\":\"" + chargeId + "\""
                + (declineCode == null ? "" : ",\"decline_code\":\"" + declineCode + "\"") + "}}";
        Thread.ofVirtual().name("provider-webhook-" + chargeId).start(() -> send(body.getBytes(StandardCharsets.UTF_8)));
    }

    private void send(byte[] body) {
        long backoff = 250;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(properties.simulated().webhookUrl()))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .header(WebhookSignatures.HEADER, WebhookSignatures.header(properties.webhookSecret(), clock.instant(), body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return;
                }
                log.warn("webhook delivery answered {} (attempt {})", status, attempt);
            } catch (java.io.IOException e) {
                log.warn("webhook delivery failed (attempt {}): {}", attempt, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, 15_000);
        }
        log.error("webhook gave up after {} attempts", ATTEMPTS);
    }
}
