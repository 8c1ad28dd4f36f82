package io.ticketmesh.gateway.token;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.config.GatewayProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth 2 client-credentials grant (RFC 6749 section 4.4) for Ticketmesh's own services: booking-service trades its
 * client secret for a short-lived SERVICE token, so saga steps resumed long after the customer's request still
 * prove who calls. Clients and secrets come from {@code ticketmesh.gateway.service-clients}.
 */
@RestController
@Tag(name = "Identity")
public class ServiceTokenController {
    private final AccessTokens tokens;
    private final Map<String, String> clients;

    public ServiceTokenController(AccessTokens tokens, GatewayProperties properties) {
        this.tokens = tokens;
        this.clients = properties.serviceClients();
    }

    public record ServiceToken(String accessToken, String tokenType, long expiresIn) {}

    @PostMapping(value = "/api/v1/auth/service-token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "A service token for one of Ticketmesh's own services (form: grant_type=client_credentials, client_id, client_secret)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{access_token, token_type: Bearer, expires_in}",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ServiceToken.class))),
                    @ApiResponse(responseCode = "401", description = "INVALID_CREDENTIALS: unknown client or wrong secret")})
    public ResponseEntity<?> issue(@RequestParam(name = "grant_type", required = false) String grantType,
                                   @RequestParam(name = "client_id", required = false) String clientId,
                                   @RequestParam(name = "client_secret", required = false) String clientSecret) {
        String expected = clientId == null ? null : clients.get(clientId);
        boolean valid = "client_credentials".equals(grantType) && expected != null && !expected.isBlank() && clientSecret != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Map.of("status", 401, "title", "Unauthorized", "code", "INVALID_CREDENTIALS",
                            "detail", "unknown client or wrong secret"));
        }
        return ResponseEntity.ok(new ServiceToken(tokens.issueService(clientId), "Bearer", tokens.ttl().toSeconds()));
    }
}
