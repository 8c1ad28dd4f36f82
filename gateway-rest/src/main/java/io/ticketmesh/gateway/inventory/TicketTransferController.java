package io.ticketmesh.gateway.inventory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.identity.Accounts;
import io.ticketmesh.gateway.identity.WellFormedText;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.ticket.v1.AcceptTicketOfferRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketOffersRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketOffersResponse;
import io.ticketmesh.proto.ticket.v1.OfferTicketRequest;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketOffer;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import io.ticketmesh.proto.ticket.v1.WithdrawTicketOfferRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A ticket given to another customer, named by an address: the gateway finds the account (identity is its own) and
 * asks ticket-service to transfer the ticket to it, or, when no account has the address, to offer it there (mailed a
 * link that the account registered with it accepts).
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

    public record Acceptance(@NotBlank @Size(max = 128) @WellFormedText String token) {}

    @PostMapping("/api/v1/tickets/{ticket_id}/transfer")
    @Operation(summary = "Give a ticket to someone, named by their address (its holder, before the show starts)",
            description = "When an account has the address, the ticket is theirs at once (200): it becomes TRANSFERRED, its code"
                    + " refused at the door and no longer counted in the booking's resends, and the recipient holds a new ticket"
                    + " for the seat with a code of its own (in their GET /api/v1/me/tickets, and mailed to them); only they see"
                    + " it. The booking stays the buyer's, but the buyer can no longer cancel that seat (the organizer still can,"
                    + " voiding the recipient's ticket). The recipient may give it on. When no account has the address, the"
                    + " ticket is offered there (202): the address is mailed a link, and once they sign in or register with it"
                    + " they take the ticket (POST /api/v1/ticket-offers/accept); until then it stays the holder's, who may"
                    + " withdraw the offer (DELETE /api/v1/ticket-offers/{offer_id}; their waiting offers: GET"
                    + " /api/v1/me/ticket-offers) or offer it again, which replaces it."
                    + " Idempotent with an Idempotency-Key.", responses = {
            @ApiResponse(responseCode = "200", description = "the caller's ticket, now TRANSFERRED"),
            @ApiResponse(responseCode = "202", description = "{offer_id, ticket_id, recipient_email, status: PENDING, created_at,"
                    + " expires_at}: no account has the address, so the ticket is offered to it"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: email malformed, or the caller's own"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not the ticket's holder"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such ticket"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: the ticket was used, voided or given away, was sold at "
                    + "the box office, or the show started")})
    @ProtoAnswer(value = Ticket.class, status = "200")
    @ProtoAnswer(value = TicketOffer.class, status = "202")
    public ResponseEntity<JsonNode> transfer(@AuthenticationPrincipal Caller caller, @PathVariable("ticket_id") UUID ticketId,
                                             @Valid @RequestBody Transfer transfer, HttpServletRequest http) {
        String email = Accounts.normalizedEmail(transfer.email());
        Optional<Accounts.User> recipient = accounts.userByEmail(email);
        boolean own = recipient.isPresent() ? recipient.get().id().toString().equals(caller.userId())
                : email.equals(Accounts.normalizedEmail(caller.email()));
        if (own) {
            throw DomainException.invalid("email", "is the caller's own address");
        }
        if (recipient.isEmpty()) {
            OfferTicketRequest offer = OfferTicketRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                    .setTicketId(ticketId.toString()).setRecipientEmail(email).build();
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets().offerTicket(offer)).getOffer()));
        }
        TransferTicketRequest request = TransferTicketRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                .setTicketId(ticketId.toString()).setRecipientUserId(recipient.get().id().toString())
                .setRecipientName(recipient.get().name()).setRecipientEmail(recipient.get().email()).build();
        return ResponseEntity.ok(json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets().transferTicket(request)).getTicket()));
    }

    @PostMapping("/api/v1/ticket-offers/accept")
    @Operation(summary = "Take a ticket offered to the caller's address: {token} from the offer's mail", responses = {
            @ApiResponse(responseCode = "200", description = "the caller's new ticket, with a code of its own (mailed too)"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: no token"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: the offer is for another address"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no offer has this token"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: the offer was accepted, withdrawn or lapsed, or the"
                    + " ticket is no longer the giver's to give")})
    @ProtoAnswer(Ticket.class)
    public JsonNode accept(@Valid @RequestBody Acceptance acceptance, HttpServletRequest http) {
        AcceptTicketOfferRequest request = AcceptTicketOfferRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                .setToken(acceptance.token()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets().acceptTicketOffer(request)).getTicket());
    }

    @GetMapping("/api/v1/me/ticket-offers")
    @Operation(summary = "The caller's tickets offered to addresses that can still be taken (not lapsed, the ticket still theirs),"
            + " newest first; with all=true every offer they made, whatever became of it (ACCEPTED, WITHDRAWN, LAPSED); paged by"
            + " page_size (1-1000, 100 when left out) and page_token",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{offers: [{offer_id, ticket_id, recipient_email, status, created_at,"
                            + " expires_at}], next_page_token}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: page_size or page_token"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    @ProtoAnswer(ListTicketOffersResponse.class)
    public JsonNode offers(@RequestParam(name = "all", defaultValue = "false") boolean all,
                           @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                           @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        ListTicketOffersRequest request = ListTicketOffersRequest.newBuilder().setAll(all).setPageSize(pageSize).setPageToken(pageToken).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets().listTicketOffers(request)));
    }

    @DeleteMapping("/api/v1/ticket-offers/{offer_id}")
    @Operation(summary = "Withdraw a ticket offered to an address (its giver); withdrawing again changes nothing", responses = {
            @ApiResponse(responseCode = "200", description = "the offer, WITHDRAWN"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such offer of the caller's"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: the offer was accepted already")})
    @ProtoAnswer(TicketOffer.class)
    public JsonNode withdraw(@PathVariable("offer_id") UUID offerId) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets().withdrawTicketOffer(
                WithdrawTicketOfferRequest.newBuilder().setOfferId(offerId.toString()).build())).getOffer());
    }
}
