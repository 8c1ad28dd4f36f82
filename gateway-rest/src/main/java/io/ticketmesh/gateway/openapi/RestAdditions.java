package io.ticketmesh.gateway.openapi;

import static io.ticketmesh.gateway.openapi.ProtoSchemas.typed;

import io.swagger.v3.oas.models.media.Schema;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingTotals;
import io.ticketmesh.proto.booking.v1.QuoteBookingResponse;
import io.ticketmesh.proto.ticket.v1.CheckInResponse;
import java.util.function.Supplier;

/**
 * Fields the gateway adds to every REST answer of a message, in API.md's spellings, described on the message's
 * component: a booking's and a quote's {@code total} at the top (BookingController.booking, PromoCodeController.quote),
 * a booking's {@code next_action} for 3-D Secure, a check-in's {@code result} (TicketController.checkIn).
 */
final class RestAdditions {
    private RestAdditions() {}

    static void describe(ProtoSchemas schemas) {
        Supplier<Schema<Object>> total = () -> schemas.property(BookingTotals.getDescriptor().findFieldByName("total"))
                .description("the same as totals.total, where API.md names it");
        schemas.extend(Booking.getDescriptor(), "total", total.get());
        schemas.extend(Booking.getDescriptor(), "next_action", typed("object")
                .description("REQUIRES_ACTION only: where to send the customer for 3-D Secure (next_action_url, as API.md names it)")
                .addProperty("type", enumeration("redirect_to_url"))
                .addProperty("url", typed("string").format("uri")));
        schemas.extend(QuoteBookingResponse.getDescriptor(), "total", total.get());
        schemas.extend(CheckInResponse.getDescriptor(), "result",
                enumeration("ADMITTED").description("ADMITTED: the ticket was let in now"));
    }

    private static Schema<Object> enumeration(String value) {
        Schema<Object> schema = typed("string");
        schema.addEnumItemObject(value);
        return schema;
    }
}
