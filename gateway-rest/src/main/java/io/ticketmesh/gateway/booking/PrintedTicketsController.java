package io.ticketmesh.gateway.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.GetShowtimeResponse;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A booking's tickets printed (booking-service's booking, event-service's show, drawn here by {@link PrintedTickets}). */
@RestController
@Tag(name = "Bookings")
public class PrintedTicketsController {
    private final Downstream downstream;
    private final GrpcCalls calls;

    public PrintedTicketsController(Downstream downstream, GrpcCalls calls) {
        this.downstream = downstream;
        this.calls = calls;
    }

    @GetMapping(value = "/api/v1/bookings/{booking_id}/tickets.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The booking's tickets that admit, to print: a PDF with an A4 page a ticket (the show, the place, the "
            + "holder, the booking's reference and the QR code); for the booking's customer or an OWNER of its organization (any "
            + "of its STAFF for a box office sale). A ticket given away, voided or used is left out",
            responses = {
                    @ApiResponse(responseCode = "200", description = "application/pdf"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such booking the caller may read"),
                    @ApiResponse(responseCode = "409", description = "INVALID_STATE: none of its tickets admits (not confirmed yet, "
                            + "cancelled, given away or used)")})
    public ResponseEntity<byte[]> print(@PathVariable("booking_id") UUID bookingId) {
        Booking booking = calls.idempotent("booking-service", () -> downstream.bookings()
                .getBooking(GetBookingRequest.newBuilder().setBookingId(bookingId.toString()).build())).getBooking();
        List<Ticket> admitting = booking.getTicketsList().stream().filter(t -> t.getStatus() == TicketStatus.TICKET_STATUS_VALID).toList();
        if (admitting.isEmpty()) {
            throw DomainException.invalidState("booking " + booking.getReference() + " has no ticket that admits: it is not "
                    + "confirmed yet, or its tickets were cancelled, given away or used");
        }
        GetShowtimeResponse found = calls.idempotent("event-service", () -> downstream.events()
                .getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(booking.getShowtimeId()).build()));
        String venue = String.join(", ", Stream.of(found.getVenueName(), found.getCity()).filter(part -> !part.isBlank()).toList());
        var show = new PrintedTickets.Show(found.getEvent().getTitle(), Instant.ofEpochSecond(found.getShowtime().getStartsAt().getSeconds()),
                found.getShowtime().getTimezone(), venue);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "attachment; filename=\"tickets-" + booking.getReference() + ".pdf\"")
                .body(PrintedTickets.pdf(show, booking.getReference(), admitting));
    }
}
