package io.ticketmesh.gateway.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.booking.BookingController;
import io.ticketmesh.gateway.booking.WaitlistController;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.inventory.TicketController;
import io.ticketmesh.gateway.inventory.TicketTransferController;
import io.ticketmesh.gateway.openapi.JsonDocuments;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.notification.v1.ExportNotificationsRequest;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the platform keeps of the signed-in customer, in one JSON document they can save (the right of access):
 * their account, and every booking, ticket, ticket offer and waitlist entry of theirs, each as the API's own lists
 * answer it (read through them, page after page), and what workers keep to mail them (the emails sent to them, the
 * tickets they were given, their show reminders: NotificationService). All or nothing: a service that cannot answer
 * fails the export (503), never leaves part of it out.
 */
@RestController
@Tag(name = "Identity")
public class AccountExportController {
    /** Pages read of each list at most (100 bookings, 1,000 tickets or offers, 100 entries a page): far above any customer's. */
    static final int MAX_PAGES = 100;
    private final MeController me;
    private final BookingController bookings;
    private final TicketController tickets;
    private final TicketTransferController offers;
    private final WaitlistController waitlist;
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;
    private final JsonMapper mapper;
    private final Clock clock;

    /** {@code mapper}: the web's, so the account reads as GET /api/v1/me answers it (snake_case). */
    public AccountExportController(MeController me, BookingController bookings, TicketController tickets,
                                   TicketTransferController offers, WaitlistController waitlist, Downstream downstream,
                                   GrpcCalls calls, ProtoJson json, JsonMapper mapper, Clock clock) {
        this.me = me;
        this.bookings = bookings;
        this.tickets = tickets;
        this.offers = offers;
        this.waitlist = waitlist;
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
        this.mapper = mapper;
        this.clock = clock;
    }

    @GetMapping("/api/v1/me/export")
    @Operation(summary = "Download everything kept of the signed-in customer as one JSON document",
            description = "{exported_at, account: the user as GET /api/v1/me answers it, bookings, tickets, ticket_offers"
                    + " (all=true), waitlist_entries: every one, each as its list answers it, and notifications: {emails"
                    + " (those sent for the account: kind, recipient, subject, sent_at, outcome SENT or REFUSED,"
                    + " the server's reply to a refused one), received_tickets (tickets others gave the customer, kept to"
                    + " tell them of a void), show_reminders (sent or due)}, oldest first}. Sent as an attachment"
                    + " (ticketmesh-account-<id>.json). A service that cannot answer fails the whole export.", responses = {
            @ApiResponse(responseCode = "200", description = "the document", content = @Content(mediaType = "application/json",
                    schema = @Schema(ref = JsonDocuments.ACCOUNT_EXPORT))),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: a service's token, which has no account"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: more than a hundred pages of a list, or 10,000"
                    + " notifications of a kind (ask support)"),
            @ApiResponse(responseCode = "429", description = "RATE_LIMITED"),
            @ApiResponse(responseCode = "503", description = "DEPENDENCY_UNAVAILABLE: a service could not answer; try again")})
    public ResponseEntity<JsonNode> export(@AuthenticationPrincipal Caller caller) {
        ObjectNode document = mapper.createObjectNode();
        document.put("exported_at", clock.instant().toString());
        document.set("account", mapper.valueToTree(me.me(caller)));
        document.set("bookings", all("bookings", token -> bookings.mine(100, token)));
        document.set("tickets", all("tickets", token -> tickets.mine(caller, 1000, token)));
        document.set("ticket_offers", all("offers", token -> offers.offers(true, 1000, token)));
        document.set("waitlist_entries", all("entries", token -> waitlist.mine(100, token)));
        document.set("notifications", json.toJson(calls.idempotent("workers",
                () -> downstream.notifications().exportNotifications(ExportNotificationsRequest.getDefaultInstance()))));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ticketmesh-account-" + caller.userId() + ".json\"")
                .body(document);
    }

    /** Every item of a list, following its page tokens. */
    private ArrayNode all(String field, Function<String, JsonNode> page) {
        ArrayNode items = mapper.createArrayNode();
        String token = "";
        for (int read = 0; read < MAX_PAGES; read++) {
            JsonNode answer = page.apply(token);
            answer.path(field).forEach(items::add);
            token = answer.path("next_page_token").asString("");
            if (token.isEmpty()) {
                return items;
            }
        }
        throw DomainException.invalidState("more than " + MAX_PAGES + " pages of " + field + " to export; ask support for them");
    }
}
