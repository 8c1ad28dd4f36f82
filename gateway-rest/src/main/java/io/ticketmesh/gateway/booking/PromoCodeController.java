package io.ticketmesh.gateway.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.Patches;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.openapi.ProtoBody;
import io.ticketmesh.gateway.web.CodeEntries;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.gateway.web.RestFieldNames;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.proto.booking.v1.CreatePromoCodeRequest;
import io.ticketmesh.proto.booking.v1.ListPromoCodesRequest;
import io.ticketmesh.proto.booking.v1.ListPromoCodesResponse;
import io.ticketmesh.proto.booking.v1.PromoCode;
import io.ticketmesh.proto.booking.v1.QuoteBookingRequest;
import io.ticketmesh.proto.booking.v1.QuoteBookingResponse;
import io.ticketmesh.proto.booking.v1.UpdatePromoCodeRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Promotion codes (booking-service's PromoCodeService): an organization's OWNERs make, list and change them; a customer
 * sees what their hold costs with one before paying, and enters it with the booking ({@code promo_code} of POST
 * /api/v1/bookings).
 */
@RestController
@Tag(name = "Bookings")
public class PromoCodeController {
    private static final String SERVICE = "booking-service";
    /** The body is the request's promo_code. */
    private static final Map<String, String> CODE_BODY = Map.of("promo_code", "");
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;
    private final CodeEntries entries;

    public PromoCodeController(Downstream downstream, GrpcCalls calls, ProtoJson json, CodeEntries entries) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
        this.entries = entries;
    }

    @PostMapping("/api/v1/organizations/{org_id}/promo-codes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Make a promotion code (OWNER): {code, percent_off (1-100) | amount_off: {amount_minor, currency}, event_id?, "
            + "tiers?, starts_at?, ends_at?, max_redemptions? (0: no limit), max_redemptions_per_customer?, disabled?}; "
            + "customers enter it in any case; it takes its share off each ticket of its tiers, never more than the ticket's price",
            responses = {
                    @ApiResponse(responseCode = "201", description = "the code, with redemptions (bookings that use it)"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming every field at fault"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of this organization"),
                    @ApiResponse(responseCode = "409", description = "ALREADY_EXISTS: the organization has this code (in any case)")})
    @ProtoBody(value = PromoCode.class, omit = {"promo_code_id", "organization_id", "redemptions", "created_at", "updated_at"})
    @ProtoAnswer(PromoCode.class)
    public JsonNode create(@PathVariable("org_id") UUID organizationId, @RequestBody JsonNode body, HttpServletRequest http) {
        return json.toJson(RestFieldNames.renaming(CODE_BODY, () -> {
            PromoCode code = json.fromJson(ProtoJson.requireObject(body), PromoCode.newBuilder()).build();
            CreatePromoCodeRequest request = CreatePromoCodeRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                    .setOrganizationId(organizationId.toString()).setPromoCode(code).build();
            return calls.idempotent(SERVICE, () -> downstream.promoCodes().createPromoCode(request)).getPromoCode();
        }));
    }

    @GetMapping("/api/v1/organizations/{org_id}/promo-codes")
    @Operation(summary = "An organization's promotion codes, newest first, each with its redemptions (OWNER)", responses = {
            @ApiResponse(responseCode = "200", description = "{promo_codes, next_page_token}"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: page_size outside 0-100, a page_token not ours, of a list with other filters or of another caller"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED")})
    @ProtoAnswer(ListPromoCodesResponse.class)
    public JsonNode list(@PathVariable("org_id") UUID organizationId,
                         @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                         @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.promoCodes().listPromoCodes(ListPromoCodesRequest.newBuilder()
                .setOrganizationId(organizationId.toString()).setPageSize(pageSize).setPageToken(pageToken).build())));
    }

    @PatchMapping("/api/v1/promo-codes/{promo_code_id}")
    @Operation(summary = "Change a promotion code (OWNER): the fields present in the body (disabled, ends_at, max_redemptions, "
            + "max_redemptions_per_customer); bookings made keep their discount",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the code"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the field, or a field that cannot change"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    @ProtoBody(value = PromoCode.class, editableOnly = true)
    @ProtoAnswer(PromoCode.class)
    public JsonNode update(@PathVariable("promo_code_id") UUID codeId, @RequestBody JsonNode body, HttpServletRequest http) {
        return json.toJson(RestFieldNames.renaming(CODE_BODY, () -> {
            PromoCode changes = json.fromJson(ProtoJson.requireObject(body), PromoCode.newBuilder()).setPromoCodeId(codeId.toString()).build();
            UpdatePromoCodeRequest request = UpdatePromoCodeRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                    .setPromoCode(changes).setUpdateMask(Patches.mask(body)).build();
            return calls.idempotent(SERVICE, () -> downstream.promoCodes().updatePromoCode(request)).getPromoCode();
        }));
    }

    @GetMapping("/api/v1/holds/{hold_id}/quote")
    @Operation(summary = "What booking the caller's hold costs, with a promotion code (promo_code=, any case) or without: the "
            + "checkout's price before the card is asked for",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{items (each with price and discount), totals (subtotal, discount, "
                            + "fees, taxes, total), total, promo_code}"),
                    @ApiResponse(responseCode = "400", description = "PROMO_CODE_INVALID naming promo_code, saying why it does not apply"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such hold of the caller's"),
                    @ApiResponse(responseCode = "409", description = "HOLD_EXPIRED"),
                    @ApiResponse(responseCode = "429", description = "RATE_LIMITED: too many codes entered this minute (quotes and "
                            + "bookings with one), Retry-After")})
    @ProtoAnswer(QuoteBookingResponse.class)
    public JsonNode quote(@AuthenticationPrincipal Caller caller, @PathVariable("hold_id") UUID holdId,
                          @RequestParam(name = "promo_code", defaultValue = "") String promoCode) {
        entries.count(caller, promoCode);
        ObjectNode quote = (ObjectNode) json.toJson(calls.idempotent(SERVICE, () -> downstream.promoCodes().quoteBooking(
                QuoteBookingRequest.newBuilder().setHoldId(holdId.toString()).setPromoCode(promoCode).build())));
        quote.set("total", quote.path("totals").path("total"));
        return quote;
    }
}
