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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Organizations (the tenants that sell tickets) and their members. */
@RestController
@RequestMapping("/api/v1/organizations")
@Tag(name = "Identity")
public class OrganizationController {
    private final IdentityService identity;

    public OrganizationController(IdentityService identity) {
        this.identity = identity;
    }

    public enum MemberRole { STAFF, OWNER }

    public record CreateOrganizationRequest(@NotBlank @Size(max = 200) @WellFormedText String name) {}

    public record OrganizationResponse(UUID id, String name, String role, OffsetDateTime createdAt) {}

    public record AddMemberRequest(@NotBlank @Email @Size(max = 254) @WellFormedText String email, @NotNull MemberRole role) {}

    public record MemberResponse(UUID organizationId, UUID userId, String email, String name, String role) {}

    public record MembersResponse(List<Accounts.Member> members) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an organization; the caller becomes its OWNER (refresh the access token to carry the role)",
            responses = {
                    @ApiResponse(responseCode = "201", description = "created"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    public OrganizationResponse create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody CreateOrganizationRequest request) {
        Accounts.Organization organization = identity.createOrganization(caller, request.name());
        return new OrganizationResponse(organization.id(), organization.name(), "OWNER", organization.createdAt());
    }

    @PostMapping("/{org_id}/members")
    @Operation(summary = "Add a registered user as STAFF or OWNER, or change their role (OWNERs only)", responses = {
            @ApiResponse(responseCode = "201", description = "added"),
            @ApiResponse(responseCode = "200", description = "role changed"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED (also: no account with that email)"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of this organization"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such organization"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: the last OWNER stays one")})
    public ResponseEntity<MemberResponse> addMember(@AuthenticationPrincipal Caller caller, @PathVariable("org_id") UUID organizationId,
                                                    @Valid @RequestBody AddMemberRequest request) {
        IdentityService.MemberAdded added = identity.addMember(caller, organizationId, request.email(), request.role().name());
        MemberResponse body = new MemberResponse(added.organizationId(), added.user().id(), added.user().email(),
                added.user().name(), added.role());
        return ResponseEntity.status(added.newMember() ? HttpStatus.CREATED : HttpStatus.OK).body(body);
    }

    @GetMapping("/{org_id}/members")
    @Operation(summary = "The organization's members with their roles, oldest first (OWNERs only)", responses = {
            @ApiResponse(responseCode = "200", description = "{members: [{user_id, email, name, role, since}]}"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of this organization"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such organization")})
    public MembersResponse members(@AuthenticationPrincipal Caller caller, @PathVariable("org_id") UUID organizationId) {
        return new MembersResponse(identity.members(caller, organizationId));
    }

    @DeleteMapping("/{org_id}/members/{user_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Take someone out of the organization (OWNERs only); removing a non-member changes nothing. Their access "
            + "tokens keep the role until they expire (minutes); a refresh no longer carries it.", responses = {
            @ApiResponse(responseCode = "204", description = "not a member (any more)"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of this organization"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such organization"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: the last OWNER stays")})
    public void removeMember(@AuthenticationPrincipal Caller caller, @PathVariable("org_id") UUID organizationId,
                             @PathVariable("user_id") UUID userId) {
        identity.removeMember(caller, organizationId, userId);
    }
}
