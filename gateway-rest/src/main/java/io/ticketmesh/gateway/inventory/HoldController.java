package io.ticketmesh.gateway.inventory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import io.ticketmesh.gateway.web.CodeEntries;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.gateway.web.RestFieldNames;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.ticket.v1.ExtendHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetHoldRequest;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Seat maps and holds (ticket-service's InventoryService). */
@RestController
@Tag(name = "Seats and holds")
public class HoldController {
    private static final String SERVICE = "ticket-service";
    private static final Set<String> BEST_AVAILABLE_FIELDS = Set.of("quantity", "together", "tier", "accessibility", "admission_token",
            "presale_code", "box_office");
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;
    private final SeatMapCache seatMaps;
    private final CodeEntries codes;

    public HoldController(Downstream downstream, GrpcCalls calls, ProtoJson json, SeatMapCache seatMaps, CodeEntries codes) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
        this.seatMaps = seatMaps;
        this.codes = codes;
    }

    @GetMapping("/api/v1/showtimes/{showtime_id}/seats")
    @Operation(summary = "The live seat map: every seat's state (AVAILABLE, HELD, SOLD, BLOCKED), tier and price, and the inventory "
            + "version; changes with a higher version are newer. ?view=states answers only the states, a letter a seat in the "
            + "full map's order (A, H, S, B): a showtime's seats and their order never change, so a client loads the full map "
            + "once, and again when catalog_version (prices) changes. Each answer has an ETag; If-None-Match with it gives 304 "
            + "until a seat or the catalog changes. Sent gzipped to clients that accept gzip.", responses = {
            @ApiResponse(responseCode = "200", description = "{showtime_id, version, catalog_version, on_sale, seats: [...], "
                    + "standing: [...]}; with ?view=states {showtime_id, version, catalog_version, on_sale, states: \"AAHS...\", "
                    + "standing: [...]}",
                    content = @Content(mediaType = "application/json", schema = @Schema(ref = JsonDocuments.SEAT_MAP))),
            @ApiResponse(responseCode = "304", description = "not modified since the ETag in If-None-Match"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: not an id, or a view other than full or states"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory (not published, or being built)")})
    public ResponseEntity<byte[]> seats(@PathVariable("showtime_id") UUID showtimeId,
                                        @Parameter(description = "full: every seat in full; states: only the states",
                                                schema = @Schema(allowableValues = {"full", "states"}, defaultValue = "full"))
                                        @RequestParam(name = "view", defaultValue = "full") String view, WebRequest web) {
        if (!view.equals("full") && !view.equals("states")) {
            throw DomainException.invalid("view", "must be full or states");
        }
        SeatMapCache.Answer map = seatMaps.read(showtimeId, view);
        if (web.checkNotModified(map.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(map.etag()).cacheControl(CacheControl.noCache()).build();
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(map.etag()).cacheControl(CacheControl.noCache())
                .contentType(MediaType.APPLICATION_JSON).varyBy(HttpHeaders.ACCEPT_ENCODING);
        return acceptsGzip(web.getHeader(HttpHeaders.ACCEPT_ENCODING))
                ? ok.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(map.gzipped()) : ok.body(map.json());
    }

    /** Whether an Accept-Encoding header takes gzip: named (or *) and not with q=0. */
    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            String name = parts[0].trim();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                return !(parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    @PostMapping("/api/v1/showtimes/{showtime_id}/holds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Hold seats for five minutes, all or nothing: {seat_ids: [...]} or {quantity, together, tier?, accessibility?}"
            + " (best available: seats nearest the stage, then, for a tier, places of its standing areas);"
            + " standing places by number with or without seats: {standing: [{section_id, quantity}], seat_ids?}. While the"
            + " showtime's waiting room is active, add the admission_token it gave you; during its presale (GET"
            + " /api/v1/showtimes/{showtime_id}/presale), a presale_code. box_office: true (STAFF or OWNER of the showtime's"
            + " organization) holds for a sale at the venue's box office, beyond the per-customer limit, the waiting room and"
            + " a presale's codes, and outside the online sales window until the show starts; it counts toward no one's limit"
            + " and is booked only as a box office sale.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "the hold: {hold_id, seat_ids, standing, expires_at, subtotal, seats, ...};"
                            + " seat_ids include the places picked for standing"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the field; PRESALE_CODE_INVALID naming"
                            + " presale_code: the showtime is in its presale and the code is not one of its codes"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "ADMISSION_REQUIRED: the waiting room is active and the"
                            + " admission_token is missing, expired, another customer's or for another showtime; PERMISSION_DENIED:"
                            + " box_office from someone not STAFF or OWNER of the showtime's organization"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory for this showtime"),
                    @ApiResponse(responseCode = "409", description = "SEAT_UNAVAILABLE with seat_ids (or section_id and available for a standing area);"
                            + " LIMIT_EXCEEDED; SHOWTIME_NOT_ON_SALE (before the sales start: during a presale, without a"
                            + " presale_code, with sales_start)"),
                    @ApiResponse(responseCode = "429", description = "RATE_LIMITED: too many codes entered this minute, Retry-After")})
    @ProtoBody(value = {HoldSeatsRequest.class, HoldBestAvailableRequest.class},
            omit = {"for_user_id"},
            rename = {"features=accessibility"})
    @ProtoAnswer(Hold.class)
    public JsonNode hold(@AuthenticationPrincipal Caller caller, @PathVariable("showtime_id") UUID showtimeId, @RequestBody JsonNode body,
                         HttpServletRequest http) {
        ProtoJson.requireObject(body);
        String requestId = MutationRequestIds.of(http);
        codes.count(caller, body.path("presale_code").isString() ? body.path("presale_code").asString() : "");
        if (body.has("seat_ids") || body.has("standing") || body.isEmpty()) {
            HoldSeatsRequest request = json.fromJson(body, HoldSeatsRequest.newBuilder())
                    .setRequestId(requestId).setShowtimeId(showtimeId.toString()).build();
            return json.toJson(calls.idempotent(SERVICE, () -> downstream.inventory().holdSeats(request)).getHold());
        }
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.propertyNames().stream().filter(name -> !BEST_AVAILABLE_FIELDS.contains(name)).findFirst().ifPresent(name -> {
            throw DomainException.invalid(name, "unknown field");
        });
        if (copy.has("accessibility")) {
            copy.set("features", copy.remove("accessibility"));
        }
        return RestFieldNames.renaming(Map.of("features", "accessibility"), () -> {
            HoldBestAvailableRequest request = json.fromJson(copy, HoldBestAvailableRequest.newBuilder())
                    .setRequestId(requestId).setShowtimeId(showtimeId.toString()).build();
            return json.toJson(calls.idempotent(SERVICE, () -> downstream.inventory().holdBestAvailable(request)).getHold());
        });
    }

    @GetMapping("/api/v1/holds/{hold_id}")
    @Operation(summary = "A hold (its holder)", responses = {
            @ApiResponse(responseCode = "200", description = "the hold"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: another customer's hold"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    @ProtoAnswer(Hold.class)
    public JsonNode get(@PathVariable("hold_id") UUID holdId) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.inventory()
                .getHold(GetHoldRequest.newBuilder().setHoldId(holdId.toString()).build())).getHold());
    }

    @PostMapping("/api/v1/holds/{hold_id}/extend")
    @Operation(summary = "Push a hold's expiry back (its holder), a bounded number of times", responses = {
            @ApiResponse(responseCode = "200", description = "the hold with its new expires_at"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
            @ApiResponse(responseCode = "409", description = "HOLD_EXPIRED or HOLD_EXTENSION_LIMIT")})
    @ProtoAnswer(Hold.class)
    public JsonNode extend(@PathVariable("hold_id") UUID holdId, HttpServletRequest http) {
        ExtendHoldRequest request = ExtendHoldRequest.newBuilder().setRequestId(MutationRequestIds.of(http)).setHoldId(holdId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.inventory().extendHold(request)).getHold());
    }

    @DeleteMapping("/api/v1/holds/{hold_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Release a hold (its holder); its seats are free at once. Releasing again changes nothing.", responses = {
            @ApiResponse(responseCode = "204", description = "released"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
            @ApiResponse(responseCode = "409", description = "INVALID_STATE: the hold belongs to a booking")})
    public void release(@PathVariable("hold_id") UUID holdId, HttpServletRequest http) {
        ReleaseHoldRequest request = ReleaseHoldRequest.newBuilder().setRequestId(MutationRequestIds.of(http)).setHoldId(holdId.toString()).build();
        calls.idempotent(SERVICE, () -> downstream.inventory().releaseHold(request));
    }
}
