package io.ticketmesh.gateway.inventory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.openapi.ProtoBody;
import io.ticketmesh.proto.ticket.v1.GetPresaleRequest;
import io.ticketmesh.proto.ticket.v1.GetPresaleResponse;
import io.ticketmesh.proto.ticket.v1.SetPresaleRequest;
import io.ticketmesh.proto.ticket.v1.SetPresaleResponse;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A showtime's presale (ticket-service's SetPresale and GetPresale): before the general sale, from the presale's start,
 * holds need one of its access codes (a hold's {@code presale_code}), shared or single-use ({@link PresaleCodesController}).
 */
@RestController
@Tag(name = "Seats and holds")
public class PresaleController {
    private static final String SERVICE = "ticket-service";
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public PresaleController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @PutMapping("/api/v1/showtimes/{showtime_id}/presale")
    @Operation(summary = "Open holds to the holders of access codes before the general sale (OWNER): {starts_at, codes: [...],"
            + " issued_codes?}, codes shared by all who have them, 3 to 32 letters, digits or dashes each, kept in upper case; with"
            + " issued_codes: true the single-use codes issued for the showtime (POST .../presale/codes) too; from starts_at until"
            + " the showtime's sales_start a hold needs one of them. {codes: []} ends the presale. Replaces the presale whole, so"
            + " sending it again changes nothing.", responses = {
            @ApiResponse(responseCode = "200", description = "{presale: {showtime_id, starts_at, sales_start, codes, issued_codes,"
                    + " codes_issued, codes_used, codes_withdrawn, updated_at}}; {} when ended"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming each field at fault (starts_at missing or"
                    + " not before sales_start, codes[i])"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of the showtime's organization"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory for this showtime (not published)"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: the general sale has begun (or the showtime has no"
                    + " sales_start)")})
    @ProtoBody(SetPresaleRequest.class)
    @ProtoAnswer(SetPresaleResponse.class)
    public JsonNode set(@PathVariable("showtime_id") UUID showtimeId, @RequestBody JsonNode body) {
        SetPresaleRequest request = json.fromJson(ProtoJson.requireObject(body), SetPresaleRequest.newBuilder())
                .setShowtimeId(showtimeId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.inventory().setPresale(request)));
    }

    @GetMapping("/api/v1/showtimes/{showtime_id}/presale")
    @Operation(summary = "A showtime's presale, if it has one: when it opens (starts_at) and when the general sale follows"
            + " (sales_start); whether single-use codes admit (issued_codes); its shared codes and how many single-use codes were"
            + " issued, used and withdrawn only for an OWNER of the showtime's organization. Public.", responses = {
            @ApiResponse(responseCode = "200", description = "{presale: {showtime_id, starts_at, sales_start, codes?, issued_codes,"
                    + " codes_issued?, codes_used?, codes_withdrawn?, updated_at}},"
                    + " or {} when the showtime has none"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory for this showtime (not published)")})
    @ProtoAnswer(GetPresaleResponse.class)
    public JsonNode get(@PathVariable("showtime_id") UUID showtimeId) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.inventory()
                .getPresale(GetPresaleRequest.newBuilder().setShowtimeId(showtimeId.toString()).build())));
    }
}
