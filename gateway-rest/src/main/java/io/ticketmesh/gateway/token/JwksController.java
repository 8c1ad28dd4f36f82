package io.ticketmesh.gateway.token;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.openapi.JsonDocuments;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that verify access tokens, for every service and any other party that checks them. */
@RestController
@Tag(name = "Identity")
public class JwksController {
    private final SigningKeys keys;

    public JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
    @Operation(summary = "The JSON Web Key Set (RS256, with kid) of current, coming and recently retired signing keys", responses =
            @ApiResponse(responseCode = "200", description = "{keys: [{kty: RSA, kid, use: sig, alg: RS256, n, e}]}",
                    content = @Content(mediaType = "application/json", schema = @Schema(ref = JsonDocuments.KEY_SET))))
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toJSONObject(true));
    }
}
