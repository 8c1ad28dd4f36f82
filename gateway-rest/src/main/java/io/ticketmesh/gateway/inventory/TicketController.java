package io.ticketmesh.gateway.inventory;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.JsonDocuments;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.openapi.ProtoBody;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.proto.ticket.v1.Attendance;
import io.ticketmesh.proto.ticket.v1.CheckInRequest;
import io.ticketmesh.proto.ticket.v1.CheckInResponse;
import io.ticketmesh.proto.ticket.v1.GetAttendanceRequest;
import io.ticketmesh.proto.ticket.v1.GetTicketQrCodeRequest;
import io.ticketmesh.proto.ticket.v1.GetTicketRequest;
import io.ticketmesh.proto.ticket.v1.GetVerificationKeysRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketsRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketsResponse;
import io.ticketmesh.proto.ticket.v1.Ticket;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Tickets and check-in (ticket-service's TicketService). */
@RestController
@Tag(name = "Tickets")
public class TicketController {
    private static final String SERVICE = "ticket-service";
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public TicketController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @GetMapping("/api/v1/tickets/{ticket_id}")
    @Operation(summary = "A ticket {ticket_id, booking_id, showtime_id, seat_id, status, qr_payload, ...} (its holder, or the organizer's staff)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the ticket"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    @ProtoAnswer(Ticket.class)
    public JsonNode ticket(@PathVariable("ticket_id") UUID ticketId) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets()
                .getTicket(GetTicketRequest.newBuilder().setTicketId(ticketId.toString()).build())).getTicket());
    }

    @GetMapping("/api/v1/me/tickets")
    @Operation(summary = "The caller's tickets of every booking and showtime, newest first, each with its status and QR payload "
            + "(an app's wallet); paged by page_size (1-1000, 100 when left out) and page_token", responses = {
            @ApiResponse(responseCode = "200", description = "{tickets, next_page_token}"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: page_size or page_token"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    @ProtoAnswer(ListTicketsResponse.class)
    public JsonNode mine(@AuthenticationPrincipal Caller caller,
                         @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                         @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets().listTickets(ListTicketsRequest.newBuilder()
                .setHolderUserId(caller.userId()).setPageSize(pageSize).setPageToken(pageToken).build())));
    }

    @GetMapping("/api/v1/showtimes/{showtime_id}/tickets")
    @Operation(summary = "The showtime's tickets, a door list (STAFF or OWNER of its organization): each with its seat, holder, "
            + "status and, once admitted, when and at which gate; paged by page_size (1-1000, 100 when left out) and page_token",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{tickets, next_page_token}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: page_size or page_token"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not staff of the showtime's organization"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory for this showtime (not published)")})
    @ProtoAnswer(ListTicketsResponse.class)
    public JsonNode showtimeTickets(@PathVariable("showtime_id") UUID showtimeId,
                                    @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                                    @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets().listTickets(ListTicketsRequest.newBuilder()
                .setShowtimeId(showtimeId.toString()).setPageSize(pageSize).setPageToken(pageToken).build())));
    }

    @GetMapping("/api/v1/showtimes/{showtime_id}/attendance")
    @Operation(summary = "The door's count of the showtime (STAFF or OWNER of its organization): tickets that admit, admitted and "
            + "to_come, by section, by gate (most admissions first, with the latest) and by quarter hour of arrival (UTC); a "
            + "ticket voided after its admission still counts as admitted, a ticket given away counts once, as its recipient's",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{showtime_id, tickets, admitted, to_come, admitted_by_hand, "
                            + "sections: [{section, tickets, admitted}], gates: [{gate, admitted, last_admitted_at}], arrivals: "
                            + "[{starts_at, admitted}], last_admitted_at?}"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not staff of the showtime's organization"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory for this showtime (not published)")})
    @ProtoAnswer(Attendance.class)
    public JsonNode attendance(@PathVariable("showtime_id") UUID showtimeId) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets().getAttendance(GetAttendanceRequest.newBuilder()
                .setShowtimeId(showtimeId.toString()).build())).getAttendance());
    }

    @GetMapping(value = "/api/v1/tickets/{ticket_id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The ticket's QR code as a PNG image", responses = {
            @ApiResponse(responseCode = "200", description = "image/png"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    public byte[] qrCode(@PathVariable("ticket_id") UUID ticketId) {
        return calls.idempotent(SERVICE, () -> downstream.tickets()
                .getTicketQrCode(GetTicketQrCodeRequest.newBuilder().setTicketId(ticketId.toString()).build())).getPng().toByteArray();
    }

    @GetMapping(value = "/api/v1/tickets/verification-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The public keys that verify tickets' QR codes offline, as a JSON Web Key Set (OKP, Ed25519, with kid): "
            + "a qr_payload TM1.<kid>.<claims>.<signature> is genuine when the key named kid verifies the signature (base64url) "
            + "over the bytes of TM1.<kid>.<claims>; claims is base64url of ticket_id|showtime_id|seat_id|holder_user_id|issued "
            + "at in epoch seconds. For door scanners working without a network", responses = {
            @ApiResponse(responseCode = "200", description = "{keys: [{kty: OKP, crv: Ed25519, kid, x, alg: EdDSA, use: sig}]}",
                    content = @Content(mediaType = "application/json", schema = @Schema(ref = JsonDocuments.KEY_SET))),
            @ApiResponse(responseCode = "503", description = "DEPENDENCY_UNAVAILABLE: ticket-service cannot be reached")})
    public ResponseEntity<Map<String, Object>> verificationKeys() {
        var keys = calls.idempotent(SERVICE, () -> downstream.tickets()
                .getVerificationKeys(GetVerificationKeysRequest.getDefaultInstance()));
        List<JWK> set = keys.getKeysList().stream().<JWK>map(key -> new OctetKeyPair.Builder(Curve.Ed25519,
                Base64URL.encode(key.getPublicKey().toByteArray())).keyID(key.getKeyId()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.EdDSA).build()).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(new JWKSet(set).toJSONObject(true));
    }

    @PostMapping("/api/v1/checkin")
    @Operation(summary = "Admit a ticket at the door (STAFF or OWNER of its organization): {qr_payload, gate, showtime_id?}, or "
            + "{ticket_id, gate, showtime_id?} to admit by hand a ticket found in the door list (a holder whose phone died); "
            + "the ticket records who admitted it (checked_in_by_user_id) and whether by hand (checked_in_by_hand)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{result: ADMITTED, ticket, admitted_at}"),
                    @ApiResponse(responseCode = "400", description = "INVALID_TICKET: forged, voided or for another showtime; "
                            + "VALIDATION_FAILED: neither or both of qr_payload and ticket_id, or no gate"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no ticket with this ticket_id"),
                    @ApiResponse(responseCode = "409", description = "ALREADY_CHECKED_IN with checked_in_at and gate")})
    @ProtoBody(CheckInRequest.class)
    @ProtoAnswer(CheckInResponse.class)
    public JsonNode checkIn(@RequestBody JsonNode body, HttpServletRequest http) {
        ProtoJson.requireObject(body);
        CheckInRequest request = json.fromJson(body, CheckInRequest.newBuilder()).setRequestId(MutationRequestIds.of(http)).build();
        ObjectNode answer = (ObjectNode) json.toJson(calls.idempotent(SERVICE, () -> downstream.tickets().checkIn(request)));
        answer.put("result", "ADMITTED");
        return answer;
    }
}
