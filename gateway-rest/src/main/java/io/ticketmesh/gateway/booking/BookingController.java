package io.ticketmesh.gateway.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.openapi.ProtoBody;
import io.ticketmesh.gateway.web.CodeEntries;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.gateway.web.RestFieldNames;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.CancelBookingResponse;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.proto.booking.v1.ListBookingsRequest;
import io.ticketmesh.proto.booking.v1.ListBookingsResponse;
import io.ticketmesh.proto.booking.v1.ResendTicketsRequest;
import io.ticketmesh.proto.booking.v1.ResendTicketsResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Bookings (booking-service's BookingService): create from a hold and pay, read, list (a customer's, a showtime's), cancel. */
@RestController
@Tag(name = "Bookings")
public class BookingController {
    private static final String SERVICE = "booking-service";
    /** The card's fields as CreateBooking names them, and as the REST body does. */
    private static final Map<String, String> PAYMENT_FIELDS = Map.of("card", "payment", "card.number", "payment.card_number");
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;
    private final CodeEntries promoCodes;

    public BookingController(Downstream downstream, GrpcCalls calls, ProtoJson json, CodeEntries promoCodes) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
        this.promoCodes = promoCodes;
    }

    @PostMapping("/api/v1/bookings")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Book the caller's hold and pay: {hold_id, payment: {card_number, exp_month, exp_year, cvc, holder_name?}, return_url?, "
            + "promo_code?}; payment may be left out when the booking costs nothing (every seat free after its code, no fee on a "
            + "free seat: see the hold's quote). A sale at the venue's box office (STAFF or OWNER of the showtime's organization, the "
            + "buyer paying at the counter) sends box_office: {payment: CASH|CARD_TERMINAL, customer_name, customer_email?} instead of "
            + "payment, for a hold made with box_office (and such a hold only so): the tickets carry the buyer's name and are mailed "
            + "to their address if given; the sale is the organization's, read and cancelled by any of its STAFF",
            responses = {
                    @ApiResponse(responseCode = "201", description = "{booking_id, reference, status: CONFIRMED|FAILED (failure_code)|PENDING|"
                            + "REQUIRES_ACTION (next_action.url), total, items, totals, payment, tickets, timeline}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the field (payment when the booking "
                            + "costs something and none was sent); PROMO_CODE_INVALID naming "
                            + "promo_code, saying why the code does not apply (nothing is written or charged)"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: box_office from someone not STAFF or OWNER "
                            + "of the showtime's organization"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such hold of the caller's"),
                    @ApiResponse(responseCode = "409", description = "HOLD_EXPIRED; INVALID_STATE (the hold is being booked already); "
                            + "IDEMPOTENCY_KEY_REUSED"),
                    @ApiResponse(responseCode = "429", description = "RATE_LIMITED: too many codes entered this minute, "
                            + "Retry-After")})
    @ProtoBody(value = CreateBookingRequest.class, rename = {"card=payment", "number=card_number"})
    @ProtoAnswer(Booking.class)
    public JsonNode create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body, HttpServletRequest http) {
        ObjectNode proto = ((ObjectNode) ProtoJson.requireObject(body)).deepCopy();
        if (proto.has("card")) {
            throw DomainException.invalid("card", "unknown field; the card is sent as payment");
        }
        JsonNode payment = proto.remove("payment");
        if (payment != null && !payment.isNull()) {
            // none for a free booking; booking-service asks for it (naming payment) when the booking costs something
            if (!payment.isObject()) {
                throw DomainException.invalid("payment", "must be {card_number, exp_month, exp_year, cvc}");
            }
            proto.set("card", cardOf((ObjectNode) payment));
        }
        // the whole body read as the request, so a field of the wrong type is refused naming it (payment's as payment.<field>)
        return booking(json.toJson(RestFieldNames.renaming(PAYMENT_FIELDS, () -> {
            CreateBookingRequest request = json.fromJson(proto, CreateBookingRequest.newBuilder())
                    .setRequestId(MutationRequestIds.of(http)).build();
            promoCodes.count(caller, request.getPromoCode());
            return calls.idempotent(SERVICE, () -> downstream.bookings().createBooking(request));
        }).getBooking()));
    }

    /** The REST body's payment as the proto's card: {@code card_number} is the card's {@code number}. */
    private static ObjectNode cardOf(ObjectNode payment) {
        ObjectNode card = payment.deepCopy();
        if (card.has("number")) {
            throw DomainException.invalid("payment.number", "unknown field; the card's number is card_number");
        }
        if (card.has("card_number")) {
            card.set("number", card.remove("card_number"));
        }
        return card;
    }

    @GetMapping("/api/v1/bookings/{booking_id}")
    @Operation(summary = "A booking with items, totals, payment, tickets and the saga timeline (its customer, or an OWNER)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the booking"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    @ProtoAnswer(Booking.class)
    public JsonNode get(@PathVariable("booking_id") UUID bookingId) {
        return booking(json.toJson(calls.idempotent(SERVICE, () -> downstream.bookings()
                .getBooking(GetBookingRequest.newBuilder().setBookingId(bookingId.toString()).build())).getBooking()));
    }

    @GetMapping("/api/v1/bookings")
    @Operation(summary = "Find a booking by its reference, as printed on its emails (reference=TM-7KQ4-ZP2D, any case): for its "
            + "customer or an OWNER of its organization (customer service); GET /api/v1/bookings/{booking_id} has the rest",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{bookings: [the booking]}, or bookings empty when there is "
                            + "none the caller may read"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: reference missing or not a reference"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    @ProtoAnswer(ListBookingsResponse.class)
    public JsonNode find(@RequestParam(name = "reference", defaultValue = "") String reference) {
        if (reference.isBlank()) {
            throw DomainException.invalid("reference", "is required, e.g. TM-7KQ4-ZP2D (the caller's own bookings are at "
                    + "/api/v1/me/bookings)");
        }
        return page(ListBookingsRequest.newBuilder().setReference(reference.strip().toUpperCase(Locale.ROOT)));
    }

    @GetMapping("/api/v1/me/bookings")
    @Operation(summary = "The caller's bookings, newest first", responses = {
            @ApiResponse(responseCode = "200", description = "{bookings, next_page_token}"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")})
    @ProtoAnswer(ListBookingsResponse.class)
    public JsonNode mine(@RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                         @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        return page(ListBookingsRequest.newBuilder().setPageSize(pageSize).setPageToken(pageToken));
    }

    @GetMapping("/api/v1/showtimes/{showtime_id}/bookings")
    @Operation(summary = "The showtime's bookings, newest first, whatever their status: all of them for an OWNER of its organization, "
            + "its box office sales for its STAFF; with refund_owed=true only the box office sales whose buyer is owed a refund at the "
            + "counter (box_office.refund_owed: the organizer cancelled the showtime), for the staff to hand back "
            + "(POST /api/v1/bookings/{booking_id}/hand-back-refund) as buyers come; GET /api/v1/bookings/{booking_id} has the rest",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{bookings, next_page_token}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming page_size or page_token"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not STAFF or OWNER of the showtime's "
                            + "organization"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such showtime")})
    @ProtoAnswer(ListBookingsResponse.class)
    public JsonNode ofShowtime(@PathVariable("showtime_id") UUID showtimeId,
                               @RequestParam(name = "refund_owed", defaultValue = "false") boolean refundOwed,
                               @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                               @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        return page(ListBookingsRequest.newBuilder().setShowtimeId(showtimeId.toString()).setRefundOwed(refundOwed)
                .setPageSize(pageSize).setPageToken(pageToken));
    }

    private JsonNode page(ListBookingsRequest.Builder request) {
        ObjectNode page = (ObjectNode) json.toJson(calls.idempotent(SERVICE, () -> downstream.bookings().listBookings(request.build())));
        page.withArray("bookings").forEach(BookingController::booking);
        return page;
    }

    @PostMapping("/api/v1/bookings/{booking_id}/cancel")
    @Operation(summary = "Cancel all or some seats: {seat_ids?, reason?}; refunds their share, voids their tickets, frees the seats."
            + " A customer's own cancellation close to the show refunds the share the showtime's customer_refund_steps give then"
            + " (refund_percent), the organizer keeping the rest (withheld): the policy as it was when they booked, or as it is now"
            + " when that is kinder; the organizer's refunds in full",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{booking, refunded, withheld, refund_percent}"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
                    @ApiResponse(responseCode = "409", description = "BOOKING_NOT_CANCELLABLE: not confirmed, or (a customer's own) "
                            + "after the showtime's customer_refunds_end (as it was when they booked, or later if moved later since), by default its "
                            + "start; or INVALID_STATE: the customer gave a "
                            + "named seat's ticket to someone else (POST /api/v1/tickets/{id}/transfer), who holds it, or it was used at "
                            + "the door (seat_ids names them); only the organizer cancels that seat")})
    @ProtoBody(CancelBookingRequest.class)
    @ProtoAnswer(CancelBookingResponse.class)
    public JsonNode cancel(@PathVariable("booking_id") UUID bookingId, @RequestBody(required = false) JsonNode body, HttpServletRequest http) {
        CancelBookingRequest.Builder request = body == null || body.isEmpty() ? CancelBookingRequest.newBuilder()
                : json.fromJson(body, CancelBookingRequest.newBuilder());
        CancelBookingRequest call = request.setRequestId(MutationRequestIds.of(http)).setBookingId(bookingId.toString()).build();
        CancelBookingResponse response = calls.idempotent(SERVICE, () -> downstream.bookings().cancelBooking(call));
        ObjectNode answer = (ObjectNode) json.toJson(response);
        booking(answer.get("booking"));
        return answer;
    }

    @PostMapping("/api/v1/bookings/{booking_id}/resend-tickets")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a confirmed booking's tickets email again, with the tickets still valid, to the address it was "
            + "booked with (its customer, or an OWNER); an Idempotency-Key makes a retry send nothing more", responses = {
            @ApiResponse(responseCode = "202", description = "{tickets}: the email is on its way with that many tickets"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
            @ApiResponse(responseCode = "409",
                    description = "INVALID_STATE: the booking has no tickets (failed, pending, cancelled), or its customer gave every one away"),
            @ApiResponse(responseCode = "503", description = "DEPENDENCY_UNAVAILABLE: the tickets cannot be read just now")})
    @ProtoAnswer(ResendTicketsResponse.class)
    public JsonNode resendTickets(@PathVariable("booking_id") UUID bookingId, HttpServletRequest http) {
        ResendTicketsRequest request = ResendTicketsRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                .setBookingId(bookingId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.bookings().resendTickets(request)));
    }

    /** API.md's spellings on top of the proto's: {@code total} at the top, and {@code next_action.url}. */
    static JsonNode booking(JsonNode booking) {
        ObjectNode node = (ObjectNode) booking;
        node.set("total", node.path("totals").path("total"));
        String url = node.path("next_action_url").asString("");
        if (!url.isEmpty()) {
            node.putObject("next_action").put("type", "redirect_to_url").put("url", url);
        }
        return node;
    }
}
