package io.ticketmesh.booking.client;

import io.grpc.ManagedChannel;
import io.ticketmesh.booking.saga.SagaBooking;
import io.ticketmesh.booking.saga.StepResult;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldRequest;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldResponse;
import io.ticketmesh.proto.ticket.v1.GetHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableRequest;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseSeatsRequest;
import io.ticketmesh.proto.ticket.v1.SeatMapView;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** ticket-service's inventory as the saga sees it (the hold, its confirmation, giving seats back) and as waitlist offers use it. */
@Component
public class InventoryClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final ManagedChannel channel;
    private final Participants participants;

    public InventoryClient(@Qualifier(TicketServiceChannel.NAME) ManagedChannel channel, Participants participants) {
        this.channel = channel;
        this.participants = participants;
    }

    private InventoryServiceGrpc.InventoryServiceBlockingStub stub() {
        return participants.asService(InventoryServiceGrpc.newBlockingStub(channel), TIMEOUT);
    }

    /** The hold with its seats and prices; errors as the caller gets them (NOT_FOUND, UNAVAILABLE). */
    public Hold hold(String holdId) {
        return stub().getHold(GetHoldRequest.newBuilder().setHoldId(holdId).build()).getHold();
    }

    /** The showtime's seat states (a byte a seat, no more about them) and standing places by state. */
    public GetSeatAvailabilityResponse states(String showtimeId) {
        return stub().getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtimeId)
                .setView(SeatMapView.SEAT_MAP_VIEW_STATES).build());
    }

    /** The hold's seats become SOLD for the booking; a lapsed hold's seats are taken back if all are still free. */
    public StepResult confirmHold(SagaBooking saga) {
        return participants.outcome(Participants.TICKET_SERVICE, () -> {
            ConfirmHoldResponse confirmed = stub().confirmHold(ConfirmHoldRequest.newBuilder().setRequestId(saga.requestId("confirm_hold"))
                    .setHoldId(saga.booking().getHoldId().toString()).setBookingId(saga.id().toString()).setReacquire(true).build());
            return StepResult.done(confirmed.getReacquired() ? "seats re-acquired after hold expiry"
                    : confirmed.getHold().getSeatIdsCount() + " seats sold");
        });
    }

    /** Compensation of confirm_hold: the booking's sold seats are free again. */
    public StepResult releaseSeats(SagaBooking saga) {
        return releaseSeats(saga, "release_seats", List.of());
    }

    /** Frees the named seats of the booking (all when empty) under the caller's request id. */
    public StepResult releaseSeats(SagaBooking saga, String requestStep, List<String> seatIds) {
        StepResult result = participants.outcome(Participants.TICKET_SERVICE, () -> {
            var released = stub().releaseSeats(ReleaseSeatsRequest.newBuilder().setRequestId(saga.requestId(requestStep))
                    .setBookingId(saga.id().toString()).addAllSeatIds(seatIds).build());
            return StepResult.done(released.getReleasedSeatIdsCount() + " seats released");
        });
        // the booking never sold anything (the step failed before ticket-service changed a seat)
        return result instanceof StepResult.Failed failed && failed.code().equals("NOT_FOUND") ? StepResult.done("no seats were sold") : result;
    }

    /** Compensation of the booking itself: the customer's hold ends, its seats are free at once. */
    public StepResult releaseHold(SagaBooking saga) {
        StepResult result = participants.outcome(Participants.TICKET_SERVICE, () -> {
            stub().releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(saga.requestId("release_hold"))
                    .setHoldId(saga.booking().getHoldId().toString()).build());
            return StepResult.done("hold released");
        });
        return result instanceof StepResult.Failed ? StepResult.done("hold already ended") : result;
    }

    /** Holds the best matching seats for a customer (a waitlist offer); a repeat with the same request id answers the same hold. */
    public Hold holdFor(String userId, String showtimeId, String requestId, int quantity, boolean together, String tier) {
        return stub().holdBestAvailable(HoldBestAvailableRequest.newBuilder().setRequestId(requestId).setShowtimeId(showtimeId)
                .setForUserId(userId).setQuantity(quantity).setTogether(together).setTier(tier).build()).getHold();
    }

    /** Ends a hold at once (a waitlist offer its customer gave up). */
    public void release(String holdId, String requestId) {
        stub().releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(requestId).setHoldId(holdId).build());
    }
}
