package io.ticketmesh.gateway.openapi;

import static io.ticketmesh.gateway.openapi.ProtoSchemas.typed;

import com.google.protobuf.Descriptors.Descriptor;
import io.swagger.v3.oas.models.media.Schema;
import io.ticketmesh.gateway.identity.MeController;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.notification.v1.ExportNotificationsResponse;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketOffer;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schemas of the JSON documents the gateway puts together itself instead of printing one proto message: the seat map
 * ({@code SeatMapJson}), the account export, and the JSON Web Key Sets of access tokens and tickets; and of the card
 * provider's webhook event, which it passes on to payment-service byte for byte. Each is a component
 * named here, made of the proto components it is built from, so its parts follow {@code proto/} as every other
 * answer's do. An operation answering one names it by reference: {@code @Schema(ref = JsonDocuments.SEAT_MAP)}.
 */
public final class JsonDocuments {
    public static final String SEAT_MAP = ProtoSchemas.COMPONENTS + "SeatMap";
    public static final String ACCOUNT_EXPORT = ProtoSchemas.COMPONENTS + "AccountExport";
    public static final String KEY_SET = ProtoSchemas.COMPONENTS + "JsonWebKeySet";
    public static final String PROVIDER_EVENT = ProtoSchemas.COMPONENTS + "ProviderEvent";

    private JsonDocuments() {}

    /** The documents' components by name, registering the proto components they refer to in {@code schemas} first. */
    static Map<String, Schema<Object>> components(ProtoSchemas schemas) {
        return Map.of(name(SEAT_MAP), seatMap(schemas), name(ACCOUNT_EXPORT), accountExport(schemas), name(KEY_SET), keySet(),
                name(PROVIDER_EVENT), providerEvent());
    }

    private static String name(String ref) {
        return ref.substring(ProtoSchemas.COMPONENTS.length());
    }

    /** GetSeatAvailabilityResponse as REST writes it: every seat in full, or a letter a seat in the STATES view. */
    private static Schema<Object> seatMap(ProtoSchemas schemas) {
        Schema<Object> map = schemas.body(GetSeatAvailabilityResponse.getDescriptor(), Set.of("seat_states", "standing_places"), Map.of(),
                true);
        map.getProperties().get("seats").description("Every numbered seat, by section, row, then position in the row; "
                + "left out with ?view=states");
        return map.description("A showtime's live seat map, in full or (?view=states) as its seats' states alone")
                .addProperty("states", typed("string").pattern("^[AHSB]*$").description("?view=states only: a letter a seat, in "
                        + "the order the full view lists the seats: A available, H held, S sold, B blocked"));
    }

    private static Schema<Object> accountExport(ProtoSchemas schemas) {
        return typed("object").description("Everything kept of the customer, each list whole and as its own endpoint answers it")
                .addProperty("exported_at", typed("string").format("date-time"))
                .addProperty("account", new Schema<>().$ref(ProtoSchemas.COMPONENTS + MeController.MeResponse.class.getSimpleName())
                        .description("as GET /api/v1/me answers it"))
                .addProperty("bookings", list(schemas, Booking.getDescriptor(), "as GET /api/v1/me/bookings lists them"))
                .addProperty("tickets", list(schemas, Ticket.getDescriptor(), "as GET /api/v1/me/tickets lists them"))
                .addProperty("ticket_offers", list(schemas, TicketOffer.getDescriptor(),
                        "every offer of the customer's tickets, settled ones too (all=true)"))
                .addProperty("waitlist_entries", list(schemas, WaitlistEntry.getDescriptor(), "as GET /api/v1/me/waitlist lists them"))
                .addProperty("notifications", schemas.reference(ExportNotificationsResponse.getDescriptor()));
    }

    private static Schema<Object> list(ProtoSchemas schemas, Descriptor type, String description) {
        return typed("array").items(schemas.reference(type)).description(description);
    }

    /** RFC 7517 as the gateway's signing keys (RSA, RS256) and tickets' keys (OKP, Ed25519, EdDSA) are written. */
    private static Schema<Object> keySet() {
        Schema<Object> key = typed("object").description("A public key (RFC 7517)").required(List.of("kty", "kid"))
                .addProperty("kty", typed("string").description("RSA for access tokens, OKP for tickets"))
                .addProperty("kid", typed("string").description("the key id a token's header or a ticket's code names"))
                .addProperty("use", typed("string").description("sig"))
                .addProperty("alg", typed("string").description("RS256 or EdDSA"))
                .addProperty("n", typed("string").description("RSA: the modulus, base64url"))
                .addProperty("e", typed("string").description("RSA: the exponent, base64url"))
                .addProperty("crv", typed("string").description("OKP: Ed25519"))
                .addProperty("x", typed("string").description("OKP: the public key, base64url"));
        return typed("object").description("A JSON Web Key Set (RFC 7517)").required(List.of("keys"))
                .addProperty("keys", typed("array").items(key));
    }

    /** The simulated card provider's event, as payment-service reads it (its {@code WebhookController}). */
    private static Schema<Object> providerEvent() {
        Schema<Object> data = typed("object").required(List.of("charge_id"))
                .addProperty("charge_id", typed("string").description("the provider's charge, as Authorize answered it"))
                .addProperty("decline_code", typed("string").description("charge.failed: why (authentication_failed, ...)"));
        return typed("object").description("The outcome of a 3-D Secure challenge; an id is applied once")
                .required(List.of("id", "type", "data"))
                .addProperty("id", typed("string").description("the event's id (evt_...); one delivered before is refused"))
                .addProperty("type", typed("string").description("charge.authorized or charge.failed; others are acknowledged and "
                        + "change nothing"))
                .addProperty("created", typed("integer").format("int64").description("when, in epoch seconds"))
                .addProperty("data", data);
    }
}
