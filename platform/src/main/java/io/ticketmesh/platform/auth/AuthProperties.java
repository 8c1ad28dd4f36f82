package io.ticketmesh.platform.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How services verify access tokens (environment variables in brackets).
 *
 * @param jwksUrl where the gateway publishes its public keys ({@code TICKETMESH_JWKS_URL}); required
 * @param issuer the expected {@code iss} ({@code TICKETMESH_JWT_ISSUER})
 * @param audience the expected {@code aud} ({@code TICKETMESH_JWT_AUDIENCE})
 * @param jwksCacheTtl how long fetched keys are trusted before they are fetched again; unknown key ids
 *                     trigger an early refresh, so a rotated key is picked up at once
 */
@ConfigurationProperties("ticketmesh.auth")
public record AuthProperties(String jwksUrl, String issuer, String audience,
                             Duration jwksCacheTtl) {
    public AuthProperties {
        require(jwksUrl, "TICKETMESH_JWKS_URL (ticketmesh.auth.jwks-url)");
        require(issuer, "TICKETMESH_JWT_ISSUER (ticketmesh.auth.issuer)");
        require(audience, "TICKETMESH_JWT_AUDIENCE (ticketmesh.auth.audience)");
        if (jwksCacheTtl == null) {
            jwksCacheTtl = Duration.ofMinutes(5);
        }
    }

    private static void require(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("missing required setting " + setting);
        }
    }
}
