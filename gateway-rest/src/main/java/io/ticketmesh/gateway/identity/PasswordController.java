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
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A forgotten password reset through a mailed link, and a password changed by its signed-in owner. */
@RestController
@Tag(name = "Identity")
public class PasswordController {
    private final PasswordService passwords;
    private final ResetRequests resetRequests;

    public PasswordController(PasswordService passwords, ResetRequests resetRequests) {
        this.passwords = passwords;
        this.resetRequests = resetRequests;
    }

    public record ResetRequest(@NotBlank @Email @Size(max = 254) @WellFormedText String email) {}

    public record ResetConfirmation(@NotBlank @Size(max = 200) @WellFormedText String token,
                                    @NotNull @Size(max = 200) @WellFormedText String password) {}

    public record PasswordChange(@NotNull @Size(max = 200) @WellFormedText String currentPassword,
                                 @NotNull @Size(max = 200) @WellFormedText String newPassword) {}

    @PostMapping("/api/v1/auth/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Forgot the password: a reset link is mailed to the address if it has an account",
            description = "The same answer, as soon, whether or not the address has an account: the request is carried out"
                    + " after it. The link works once, for 30 minutes; an account is mailed at most three an hour.", responses = {
            @ApiResponse(responseCode = "202", description = "a link is on its way, if the address has an account"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED"),
            @ApiResponse(responseCode = "429", description = "RATE_LIMITED")})
    public void requestReset(@Valid @RequestBody ResetRequest request) {
        resetRequests.submit(request.email());
    }

    @PostMapping("/api/v1/auth/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set a new password with the token of a mailed reset link; every session is signed out",
            responses = {
            @ApiResponse(responseCode = "204", description = "the password is changed; log in with it"),
            @ApiResponse(responseCode = "400",
                    description = "RESET_TOKEN_INVALID (unknown, used or expired), WEAK_PASSWORD or VALIDATION_FAILED"),
            @ApiResponse(responseCode = "429", description = "RATE_LIMITED")})
    public void confirmReset(@Valid @RequestBody ResetConfirmation request) {
        passwords.reset(request.token(), request.password());
    }

    @PostMapping("/api/v1/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the password, given the current one; every other session is signed out", responses = {
            @ApiResponse(responseCode = "204", description = "changed, or already changed to new_password (a retry);"
                    + " this session stays signed in"),
            @ApiResponse(responseCode = "400",
                    description = "INVALID_CREDENTIALS (current_password is wrong), WEAK_PASSWORD or VALIDATION_FAILED"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "429", description = "RATE_LIMITED")})
    public void change(@AuthenticationPrincipal Caller caller, @Valid @RequestBody PasswordChange request) {
        passwords.change(caller, request.currentPassword(), request.newPassword());
    }
}
