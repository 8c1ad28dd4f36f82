package io.ticketmesh.gateway.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.platform.auth.Caller;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user. */
@RestController
@Tag(name = "Identity")
public class MeController {
    private final IdentityService identity;

    public MeController(IdentityService identity) {
        this.identity = identity;
    }

    public record MembershipResponse(UUID organizationId, String organizationName, String role) {}

    public record MeResponse(UUID id, String email, String name, List<String> roles, List<MembershipResponse> memberships,
                             OffsetDateTime createdAt) {}

    @GetMapping("/api/v1/me")
    @Operation(summary = "The signed-in user with their organization memberships", responses = {
            @ApiResponse(responseCode = "200", description = "the user"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    public MeResponse me(@AuthenticationPrincipal Caller caller) {
        IdentityService.Me me = identity.me(caller);
        return new MeResponse(me.user().id(), me.user().email(), me.user().name(), me.user().platformRoles(),
                me.memberships().stream().map(m -> new MembershipResponse(m.organizationId(), m.organizationName(), m.role())).toList(),
                me.user().createdAt());
    }
}
