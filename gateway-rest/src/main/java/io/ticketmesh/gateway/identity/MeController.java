package io.ticketmesh.gateway.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.platform.auth.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user, what they may correct of their account, and its closing. */
@RestController
@Tag(name = "Identity")
public class MeController {
    private final IdentityService identity;
    private final AccountClosing closing;

    public MeController(IdentityService identity, AccountClosing closing) {
        this.identity = identity;
        this.closing = closing;
    }

    public record MembershipResponse(UUID organizationId, String organizationName, String role) {}

    public record MeResponse(UUID id, String email, String name, List<String> roles, List<MembershipResponse> memberships,
                             OffsetDateTime createdAt) {}

    @GetMapping("/api/v1/me")
    @Operation(summary = "The signed-in user with their organization memberships", responses = {
            @ApiResponse(responseCode = "200", description = "the user"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    public MeResponse me(@AuthenticationPrincipal Caller caller) {
        return response(identity.me(caller));
    }

    /** What of the account its owner may correct: the name (the address is the sign-in, the password has its own call). */
    public record MeUpdate(@NotBlank @Size(max = 200) @WellFormedText String name) {}

    @PatchMapping("/api/v1/me")
    @Operation(summary = "Correct the signed-in user's name",
            description = "The name tickets, bookings and emails use from then on: the next access token carries it (refresh"
                    + " for it now); tickets already issued keep the name they were issued to. Sent again, the same answer.",
            responses = {
            @ApiResponse(responseCode = "200", description = "the user, renamed"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED (name blank, too long or not text)"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    public MeResponse update(@AuthenticationPrincipal Caller caller, @Valid @RequestBody MeUpdate update) {
        return response(identity.rename(caller, update.name()));
    }

    /** The password, confirming that the account's owner closes it. */
    public record Closing(@NotNull @Size(max = 200) @WellFormedText String password) {}

    @PostMapping("/api/v1/me/close")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Close the signed-in user's account, given its password",
            description = "The account is deleted: it cannot sign in, every session and access token stops working, and"
                    + " the address is free for a new account. Every service erases the name and address it keeps of the"
                    + " customer within moments; bookings and payments stay for the organizers' accounts and refunds,"
                    + " under a user id no longer tied to anyone, and tickets already issued stay valid at the door (the"
                    + " tickets email is then the customer's only copy). The address is told the account is closed. Sent"
                    + " again once closed, the same answer while the token still works, 401 once its revocation has"
                    + " arrived (moments later).", responses = {
            @ApiResponse(responseCode = "204", description = "the account is closed"),
            @ApiResponse(responseCode = "400", description = "INVALID_CREDENTIALS (password is wrong) or VALIDATION_FAILED"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: a service's token, which has no account"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: the account is the last OWNER of an organization"),
            @ApiResponse(responseCode = "429", description = "RATE_LIMITED")})
    public void close(@AuthenticationPrincipal Caller caller, @Valid @RequestBody Closing request) {
        closing.close(caller, request.password());
    }

    private static MeResponse response(IdentityService.Me me) {
        return new MeResponse(me.user().id(), me.user().email(), me.user().name(), me.user().platformRoles(),
                me.memberships().stream().map(m -> new MembershipResponse(m.organizationId(), m.organizationName(), m.role())).toList(),
                me.user().createdAt());
    }
}
