package io.ticketmesh.gateway.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.config.GatewayProperties;
import io.ticketmesh.gateway.openapi.JsonDocuments;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payment provider's webhooks, passed to payment-service unchanged (raw body and signature), which alone holds
 * the secret and verifies the HMAC, the timestamp and the event id; its answer (204, or 401 problem+json) is relayed.
 */
@RestController
@Tag(name = "Payments")
public class PaymentWebhookController {
    private static final String SIGNATURE = "Simulated-Signature";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI target;

    public PaymentWebhookController(GatewayProperties properties) {
        this.target = URI.create(properties.paymentWebhookUrl());
    }

    @PostMapping("/api/v1/payments/webhooks/simulated")
    @Operation(summary = "The simulated provider's webhook: HMAC-signed (Simulated-Signature: t=..,v1=..)", responses = {
            @ApiResponse(responseCode = "204", description = "applied"),
            @ApiResponse(responseCode = "400", description = "MALFORMED_REQUEST or VALIDATION_FAILED: not an event"),
            @ApiResponse(responseCode = "401", description = "WEBHOOK_SIGNATURE_INVALID (unsigned, wrongly signed, stale) or WEBHOOK_REPLAYED"),
            @ApiResponse(responseCode = "503", description = "DEPENDENCY_UNAVAILABLE: payment-service is down; the provider retries")})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "the provider's event, passed on byte for byte as "
            + "it was signed", content = @Content(mediaType = "application/json", schema = @Schema(ref = JsonDocuments.PROVIDER_EVENT)))
    public ResponseEntity<String> receive(@RequestHeader(name = SIGNATURE, required = false) String signature,
                                          @RequestBody(required = false) byte[] body) {
        HttpRequest.Builder forward = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : body));
        if (signature != null) {
            forward.header(SIGNATURE, signature);
        }
        try {
            HttpResponse<String> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofString());
            ResponseEntity.BodyBuilder relayed = ResponseEntity.status(answer.statusCode());
            answer.headers().firstValue("Content-Type").map(MediaType::parseMediaType).ifPresent(relayed::contentType);
            return relayed.body(answer.body());
        } catch (IOException e) {
            throw new DomainException(FailureKind.UNAVAILABLE, ErrorReason.ERROR_REASON_DEPENDENCY_UNAVAILABLE, "payment-service is unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(FailureKind.UNAVAILABLE, ErrorReason.ERROR_REASON_DEPENDENCY_UNAVAILABLE, "interrupted");
        }
    }
}
