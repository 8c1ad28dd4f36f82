package io.ticketmesh.gateway.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.openapi.ProtoBody;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.proto.booking.v1.RefundBookingRequest;
import io.ticketmesh.proto.booking.v1.RefundBookingResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An organizer's refund of part of a booking without cancelling a seat (booking-service's RefundBooking). */
@RestController
@Tag(name = "Bookings")
public class BookingRefundController {
    private static final String SERVICE = "booking-service";
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public BookingRefundController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @PostMapping("/api/v1/bookings/{booking_id}/refund")
    @Operation(summary = "Refund part of what was paid for a kept booking without cancelling a seat (a late start, a view worse than "
            + "sold): {amount: {amount_minor, currency}, reason?}; its tickets stay valid, the customer is mailed how much and why, and a "
            + "later cancellation refunds at most what is left. An OWNER of its organization, or any of its STAFF for a box office sale "
            + "(handed back at the counter, in their till); an Idempotency-Key makes a retry refund nothing more",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{booking, refunded}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming amount (more than is left of what was "
                            + "paid, or nothing), amount.currency (not the booking's) or reason"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: the booking's customer (who cancels seats instead)"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
                    @ApiResponse(responseCode = "409", description = "BOOKING_NOT_CANCELLABLE: the booking is not kept (cancelled, failed, "
                            + "pending); INVALID_STATE: a cancellation of it is in progress")})
    @ProtoBody(RefundBookingRequest.class)
    @ProtoAnswer(RefundBookingResponse.class)
    public JsonNode refund(@PathVariable("booking_id") UUID bookingId, @RequestBody JsonNode body, HttpServletRequest http) {
        RefundBookingRequest request = json.fromJson(ProtoJson.requireObject(body), RefundBookingRequest.newBuilder())
                .setRequestId(MutationRequestIds.of(http)).setBookingId(bookingId.toString()).build();
        ObjectNode answer = (ObjectNode) json.toJson(calls.idempotent(SERVICE, () -> downstream.bookings().refundBooking(request)));
        BookingController.booking(answer.get("booking"));
        return answer;
    }
}
