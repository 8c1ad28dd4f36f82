package io.ticketmesh.gateway.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.token.AccessTokens;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accounts and sign-in sessions: register, login, refresh, logout. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Identity")
public class AuthController {
    private final IdentityService identity;

    public AuthController(IdentityService identity) {
        this.identity = identity;
    }

    public record RegisterRequest(
            @NotBlank @Email @Size(max = 254) @WellFormedText String email,
            @NotNull @Size(max = 200) @WellFormedText String password,
            @NotBlank @Size(max = 200) @WellFormedText String name) {}

    public record UserResponse(UUID id, String email, String name, OffsetDateTime createdAt) {
        static UserResponse of(Accounts.User user) {
            return new UserResponse(user.id(), user.email(), user.name(), user.createdAt());
        }
    }

    public record LoginRequest(@NotBlank @Size(max = 254) @WellFormedText String email,
                               @NotNull @Size(max = 200) @WellFormedText String password) {}

    public record RefreshRequest(@NotBlank @Size(max = 200) @WellFormedText String refreshToken) {}

    public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {
        static TokenResponse of(IdentityService.Tokens tokens) {
            return new TokenResponse(tokens.accessToken(), tokens.refreshToken(), "Bearer", tokens.expiresInSeconds());
        }
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account", responses = {
            @ApiResponse(responseCode = "201", description = "created"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED, WEAK_PASSWORD or MALFORMED_REQUEST"),
            @ApiResponse(responseCode = "409", description = "EMAIL_TAKEN"),
            @ApiResponse(responseCode = "429", description = "RATE_LIMITED")})
    public UserResponse register(@Valid @RequestBody RegisterRequest request) {
        return UserResponse.of(identity.register(request.email(), request.password(), request.name()));
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in: an access token (JWT, short-lived) and a refresh token", responses = {
            @ApiResponse(responseCode = "200", description = "signed in"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED"),
            @ApiResponse(responseCode = "401", description = "INVALID_CREDENTIALS"),
            @ApiResponse(responseCode = "429", description = "RATE_LIMITED")})
    public TokenResponse login(@Valid @RequestBody LoginRequest request) {
        return TokenResponse.of(identity.login(request.email(), request.password()));
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for a new pair; the old refresh token stops working", responses = {
            @ApiResponse(responseCode = "200", description = "a new pair"),
            @ApiResponse(responseCode = "401", description = "REFRESH_TOKEN_INVALID, or REFRESH_TOKEN_REUSED (the whole family is revoked)")})
    public TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return TokenResponse.of(identity.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End this sign-in session: its refresh tokens stop working", responses = {
            @ApiResponse(responseCode = "204", description = "signed out"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    public void logout(@AuthenticationPrincipal Caller caller) {
        identity.logout(AccessTokens.sessionOf(caller)
                .orElseThrow(() -> DomainException.unauthenticated("this token belongs to no sign-in session")));
    }
}
