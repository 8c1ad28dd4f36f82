package io.ticketmesh.payment.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * payment-service settings (environment variables in brackets).
 *
 * @param providerTimeout how long a provider call may take before it counts as timed out
 * @param webhookSecret the HMAC key the provider signs webhooks with ({@code TICKETMESH_WEBHOOK_SECRET}); required
 * @param webhookTolerance how far a webhook's signed timestamp may be from now; older deliveries are replays
 * @param simulated the simulated card provider
 */
@ConfigurationProperties("ticketmesh.payments")
public record PaymentProperties(Duration providerTimeout, String webhookSecret, Duration webhookTolerance, Simulated simulated) {

    /**
     * @param latencyMin fastest provider answer
     * @param latencyMax slowest provider answer (each call waits a random time in between)
     * @param publicUrl where browsers reach this service's HTTP port, for the 3-D Secure page
     * @param webhookUrl where the provider delivers webhooks ({@code TICKETMESH_PROVIDER_WEBHOOK_URL}): the gateway
     */
    public record Simulated(Duration latencyMin, Duration latencyMax, String publicUrl, String webhookUrl) {}

    public PaymentProperties {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalStateException("missing required setting TICKETMESH_WEBHOOK_SECRET (ticketmesh.payments.webhook-secret)");
        }
    }
}
