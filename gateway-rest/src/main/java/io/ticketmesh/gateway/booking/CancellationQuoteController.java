package io.ticketmesh.gateway.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.web.QueryLists;
import io.ticketmesh.proto.booking.v1.QuoteCancellationRequest;
import io.ticketmesh.proto.booking.v1.QuoteCancellationResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** What cancelling seats of a booking would refund now, before the customer decides (booking-service's QuoteCancellation). */
@RestController
@Tag(name = "Bookings")
public class CancellationQuoteController {
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public CancellationQuoteController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @GetMapping("/api/v1/bookings/{booking_id}/cancellation-quote")
    @Operation(summary = "What POST .../cancel by the caller would refund now for these seats (seat_ids, repeated or comma-separated; all of"
            + " them when left out), cancelling nothing: for its customer the share the showtime's refund policy gives now (the"
            + " policy they booked under, or today's when kinder) and until when that holds; for the organizer in full. Refused as the"
            + " cancellation would be, a customer's seat whose ticket they gave away or used at the door included",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{refund, withheld, refund_percent, until?}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming seat_ids: a seat not (or no longer) in the booking"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
                    @ApiResponse(responseCode = "409", description = "BOOKING_NOT_CANCELLABLE: the booking is not kept, or the customer's "
                            + "refunds ended (customer_refunds_end in the problem); INVALID_STATE naming seat_ids: the customer gave "
                            + "their tickets away or used them at the door"),
                    @ApiResponse(responseCode = "503", description = "DEPENDENCY_UNAVAILABLE: event-service or ticket-service could not be asked")})
    @ProtoAnswer(QuoteCancellationResponse.class)
    public JsonNode quote(@PathVariable("booking_id") UUID bookingId,
                          @RequestParam(name = "seat_ids", defaultValue = "") List<String> seatIds) {
        QuoteCancellationRequest request = QuoteCancellationRequest.newBuilder().setBookingId(bookingId.toString())
                .addAllSeatIds(QueryLists.values(seatIds)).build();
        return json.toJson(calls.idempotent("booking-service", () -> downstream.bookings().quoteCancellation(request)));
    }
}
