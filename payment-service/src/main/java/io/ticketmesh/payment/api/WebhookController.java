package io.ticketmesh.payment.api;

import io.ticketmesh.payment.config.PaymentProperties;
import io.ticketmesh.payment.payment.ChallengeOutcomes;
import io.ticketmesh.payment.payment.WebhookSignatures;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The simulated provider's webhooks, reached through the gateway's {@code POST /api/v1/payments/webhooks/simulated}.
 * Unsigned, wrongly signed, stale (outside the tolerance) or replayed (an event id seen before) deliveries get 401.
 */
@RestController
public class WebhookController {
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    private final ChallengeOutcomes outcomes;
    private final PaymentProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookController(ChallengeOutcomes outcomes, PaymentProperties properties, ObjectMapper json, Clock clock) {
        this.outcomes = outcomes;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/webhooks/simulated")
    public ResponseEntity<String> receive(@RequestHeader(name = WebhookSignatures.HEADER, required = false) String signature,
                                          @RequestBody(required = false) byte[] delivered) {
        byte[] body = delivered == null ? new byte[0] : delivered; // an empty delivery is unsigned like any other: 401
        Duration tolerance = properties.webhookTolerance();
        if (!WebhookSignatures.valid(properties.webhookSecret(), signature, body, clock.instant(), tolerance)) {
            return refuse("WEBHOOK_SIGNATURE_INVALID", "the webhook is unsigned, wrongly signed, or older than " + tolerance);
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().contentType(PROBLEM)
                    .body("{\"status\":400,\"title\":\"Bad Request\",\"code\":\"MALFORMED_REQUEST\",\"detail\":\"the body is not JSON\"}");
        }
        String id = event.path("id").asString("");
        String chargeId = event.path("data").path("charge_id").asString("");
        if (id.isEmpty() || chargeId.isEmpty()) {
            return ResponseEntity.badRequest().contentType(PROBLEM)
                    .body("{\"status\":400,\"title\":\"Bad Request\",\"code\":\"VALIDATION_FAILED\",\"detail\":\"id and data.charge_id are required\"}");
        }
        String declineCode = event.path("data").path("decline_code").asString(null);
        if (outcomes.apply(id, event.path("type").asString(""), chargeId, declineCode) == ChallengeOutcomes.Result.REPLAYED) {
            return refuse("WEBHOOK_REPLAYED", "event " + id + " was delivered before");
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<String> refuse(String code, String detail) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(PROBLEM)
                .body("{\"status\":401,\"title\":\"Unauthorized\",\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}");
    }
}
