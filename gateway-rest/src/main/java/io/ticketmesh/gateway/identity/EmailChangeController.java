package io.ticketmesh.gateway.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.platform.auth.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An account moved to another address once a link mailed to that address is used. */
@RestController
@Tag(name = "Identity")
public class EmailChangeController {
    private final EmailChangeService changes;

    public EmailChangeController(EmailChangeService changes) {
        this.changes = changes;
    }

    public record EmailChange(@NotBlank @Email @Size(max = 254) @WellFormedText String email,
                              @NotNull @Size(max = 200) @WellFormedText String password) {}

    public record EmailConfirmation(@NotBlank @Size(max = 200) @WellFormedText String token) {}

    @PostMapping("/api/v1/me/email")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Move the account to another address: a confirmation link is mailed to it",
            description = "The address changes when the link is used (once, within 24 hours); until then the account"
                    + " keeps its address, which is told of the request (a password reset or change cancels it). At most"
                    + " three links an hour.", responses = {
            @ApiResponse(responseCode = "202", description = "the link is on its way to the new address"),
            @ApiResponse(responseCode = "400",
                    description = "INVALID_CREDENTIALS (password is wrong), the account's own address, or VALIDATION_FAILED"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "409", description = "EMAIL_TAKEN: another account has the address"),
            @ApiResponse(responseCode = "429", description = "RATE_LIMITED")})
    public void request(@AuthenticationPrincipal Caller caller, @Valid @RequestBody EmailChange request) {
        changes.request(caller, request.email(), request.password());
    }

    @PostMapping("/api/v1/auth/email-confirmation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Confirm a new address with the token of the link mailed to it; the account signs in with it from now on",
            description = "Sessions stay signed in; access tokens issued before are refused (they carry the old address),"
                    + " so clients refresh. The old address is told. Sent again, the same answer.", responses = {
            @ApiResponse(responseCode = "204", description = "the account's address is the new one"),
            @ApiResponse(responseCode = "400", description = "EMAIL_TOKEN_INVALID (unknown, used or expired) or VALIDATION_FAILED"),
            @ApiResponse(responseCode = "409", description = "EMAIL_TAKEN: another account took the address meanwhile"),
            @ApiResponse(responseCode = "429", description = "RATE_LIMITED")})
    public void confirm(@Valid @RequestBody EmailConfirmation request) {
        try {
            changes.confirm(request.token());
        } catch (DataIntegrityViolationException registeredMeanwhile) {
            throw IdentityService.emailTaken();
        }
    }
}
