package io.ticketmesh.gateway.inventory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.identity.Accounts;
import io.ticketmesh.gateway.identity.WellFormedText;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A ticket given to another customer, named by the address of their account: the gateway finds the account (identity
 * is its own) and asks ticket-service to transfer the ticket to it.
 */
@RestController
@Tag(name = "Tickets")
public class TicketTransferController {
    private static final String SERVICE = "ticket-service";
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;
    private final Accounts accounts;

    public TicketTransferController(Downstream downstream, GrpcCalls calls, ProtoJson json, Accounts accounts) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
        this.accounts = accounts;
    }

    public record Transfer(@NotBlank @Email @Size(max = 254) @WellFormedText String email) {}

    @PostMapping("/api/v1/tickets/{ticket_id}/transfer")
    @Operation(summary = "Give a ticket to another customer, named by their account's address (its holder, before the show starts)",
            description = "The ticket becomes TRANSFERRED: its code is refused at the door, and it no longer counts in the"
                    + " booking's resends. The recipient holds a new ticket for the seat with a code of its own (in their"
                    + " GET /api/v1/me/tickets, and mailed to them); only they see it. The booking stays the buyer's, but the"
                    + " buyer can no longer cancel that seat (the organizer still can, voiding the recipient's ticket). The"
                    + " recipient may give it on. Idempotent with an Idempotency-Key.", responses = {
            @ApiResponse(responseCode = "200", description = "the caller's ticket, now TRANSFERRED"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: email is no account's, or the caller's own"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not the ticket's holder"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such ticket"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: the ticket was used, voided or given away, or the show started")})
    public JsonNode transfer(@AuthenticationPrincipal Caller caller, @PathVariable("ticket_id") UUID ticketId,
                             @Valid @RequestBody Transfer transfer, HttpServletRequest http) {
        Accounts.User recipient = accounts.userByEmail(Accounts.normalizedEmail(transfer.email()))
                .orElseThrow(() -> DomainException.invalid("email", "no account has this address; ask them to register first"));
        if (recipient.id().toString().equals(caller.userId())) {
            throw DomainException.invalid("email", "is the caller's own address");
        }
        TransferTicketRequest request = TransferTicketRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                .setTicketId(ticketId.toString()).setRecipientUserId(recipient.id().toString()).setRecipientName(recipient.name())
                .setRecipientEmail(recipient.email()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets().transferTicket(request)).getTicket());
    }
}
