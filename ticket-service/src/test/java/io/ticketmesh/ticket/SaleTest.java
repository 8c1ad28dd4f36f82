package io.ticketmesh.ticket;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.BlockSeatsRequest;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldRequest;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldResponse;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.HoldStatus;
import io.ticketmesh.proto.ticket.v1.ReleaseSeatsRequest;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SoldOutChanged;
import io.ticketmesh.proto.ticket.v1.UnblockSeatsRequest;
import io.ticketmesh.ticket.inventory.SoldOutWatch;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** ConfirmHold and ReleaseSeats (the booking saga's inventory steps: idempotent per booking, late payments), house seats. */
class SaleTest extends TicketServiceTestBase {
    @Autowired
    DSLContext dsl;

    private static Hold hold(String customer, PublishedShowtime showtime, List<String> seats) {
        return inventory(customer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).addAllSeatIds(seats).build()).getHold();
    }

    private static ConfirmHoldResponse confirm(String customer, Hold hold, String bookingId, boolean reacquire) {
        return inventory(customer).confirmHold(ConfirmHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setHoldId(hold.getHoldId()).setBookingId(bookingId).setReacquire(reacquire).build());
    }

    private static Map<String, SeatState> states(PublishedShowtime showtime) {
        return inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime.id()).build())
                .getSeatsList().stream().collect(Collectors.toMap(SeatAvailability::getSeatId, SeatAvailability::getState));
    }

    private void lapse(Hold hold) {
        dsl.execute("update holds set expires_at = now() - interval '1 second' where id = ?", UUID.fromString(hold.getHoldId()));
    }

    @Test
    void aConfirmedHoldIsSoldOnceAndItsSeatsComeBackWhenReleased() {
        PublishedShowtime showtime = publish(1, 6, 10);
        String customer = customer();
        String booking = UUID.randomUUID().toString();
        Hold hold = hold(customer, showtime, showtime.seatIds().subList(0, 3));

        Hold sold = confirm(customer, hold, booking, false).getHold();
        assertThat(sold.getStatus()).isEqualTo(HoldStatus.HOLD_STATUS_CONFIRMED);
        assertThat(sold.getBookingId()).isEqualTo(booking);
        assertThat(states(showtime).get(showtime.seatIds().get(0))).isEqualTo(SeatState.SEAT_STATE_SOLD);
        assertThat(confirm(customer, hold, booking, false).getHold()).as("the same booking again: same answer").isEqualTo(sold);
        assertThat(failure(() -> confirm(customer, hold, UUID.randomUUID().toString(), false)).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);

        var partly = inventory(customer).releaseSeats(ReleaseSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking).addSeatIds(showtime.seatIds().get(0)).build());
        assertThat(partly.getReleasedSeatIdsList()).containsExactly(showtime.seatIds().get(0));
        var rest = inventory(customer).releaseSeats(ReleaseSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking).build());
        assertThat(rest.getReleasedSeatIdsList()).containsExactlyInAnyOrderElementsOf(showtime.seatIds().subList(1, 3));
        assertThat(inventory(customer).releaseSeats(ReleaseSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking).build()).getReleasedSeatIdsList()).as("nothing left to release").isEmpty();
        assertThat(states(showtime).values()).containsOnly(SeatState.SEAT_STATE_AVAILABLE);
        assertThat(hold(customer(), showtime, showtime.seatIds().subList(0, 3)).getStatus())
                .as("released seats can be held at once: the Redis gate gave up the sold hold's claims")
                .isEqualTo(HoldStatus.HOLD_STATUS_ACTIVE);
        assertThat(failure(() -> inventory(customer()).releaseSeats(ReleaseSeatsRequest.newBuilder().setRequestId("x")
                .setBookingId(booking).build())).code()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
    }

    @Test
    void anOwnerBlocksAvailableSeatsAllOrNothingAndUnblocksThem() {
        PublishedShowtime showtime = publish(1, 6, 10);
        String owner = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "OWNER"));
        hold(customer(), showtime, showtime.seatIds().subList(0, 1));
        BlockSeatsRequest both = BlockSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime.id())
                .addAllSeatIds(showtime.seatIds().subList(0, 2)).build();
        assertThat(failure(() -> inventory(owner).blockSeats(both)).reason()).isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);
        assertThat(states(showtime).get(showtime.seatIds().get(1))).isEqualTo(SeatState.SEAT_STATE_AVAILABLE);

        BlockSeatsRequest house = both.toBuilder().setRequestId(UUID.randomUUID().toString()).clearSeatIds()
                .addAllSeatIds(showtime.seatIds().subList(1, 3)).build();
        assertThat(inventory(owner).blockSeats(house).getVersion()).isPositive();
        assertThat(states(showtime).get(showtime.seatIds().get(2))).isEqualTo(SeatState.SEAT_STATE_BLOCKED);
        assertThat(failure(() -> hold(customer(), showtime, showtime.seatIds().subList(2, 3))).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);
        assertThat(failure(() -> inventory(customer()).blockSeats(house.toBuilder().setRequestId("someone").build())).code())
                .isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);

        inventory(owner).unblockSeats(UnblockSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).addAllSeatIds(showtime.seatIds().subList(1, 3)).build());
        assertThat(states(showtime).get(showtime.seatIds().get(2))).isEqualTo(SeatState.SEAT_STATE_AVAILABLE);
    }

    @Test
    void theLastPlaceSoldOrBlockedIsAnnouncedAsSoldOutAndAPlaceFreedAfterAsBackOnSale() {
        PublishedShowtime showtime = publish(1, 3, 10);
        String customer = customer();
        String owner = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "OWNER"));
        String booking = UUID.randomUUID().toString();
        confirm(customer, hold(customer, showtime, showtime.seatIds().subList(0, 2)), booking, false);
        inventory(owner).blockSeats(BlockSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime.id())
                .addSeatIds(showtime.seatIds().get(2)).build());
        List<SoldOutChanged> told = KafkaTestEvents.read(SoldOutWatch.TOPIC, showtime.id(), 1).stream()
                .map(event -> event.payload(SoldOutChanged.parser())).toList();
        assertThat(told).extracting(SoldOutChanged::getSoldOut).containsExactly(true);
        assertThat(dsl.fetchValue("select sold_out from inventory_showtimes where id = ?", UUID.fromString(showtime.id()))).isEqualTo(true);

        inventory(customer).releaseSeats(ReleaseSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking).addSeatIds(showtime.seatIds().get(0)).build());
        told = KafkaTestEvents.read(SoldOutWatch.TOPIC, showtime.id(), 2).stream().map(event -> event.payload(SoldOutChanged.parser())).toList();
        assertThat(told).extracting(SoldOutChanged::getSoldOut).containsExactly(true, false);
        assertThat(told.getLast().getShowtimeId()).isEqualTo(showtime.id());
    }

    @Test
    void aLatePaymentTakesItsSeatsBackOnlyIfAllAreStillFree() {
        PublishedShowtime showtime = publish(1, 8, 10);
        String customer = customer();
        Hold lapsed = hold(customer, showtime, showtime.seatIds().subList(0, 2));
        lapse(lapsed);
        assertThat(failure(() -> confirm(customer, lapsed, UUID.randomUUID().toString(), false)).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_HOLD_EXPIRED);
        ConfirmHoldResponse late = confirm(customer, lapsed, UUID.randomUUID().toString(), true);
        assertThat(late.getReacquired()).isTrue();
        assertThat(states(showtime).get(showtime.seatIds().get(1))).isEqualTo(SeatState.SEAT_STATE_SOLD);

        Hold taken = hold(customer, showtime, showtime.seatIds().subList(4, 6));
        lapse(taken);
        long deadline = System.currentTimeMillis() + 10_000;
        while (states(showtime).get(showtime.seatIds().get(4)) != SeatState.SEAT_STATE_AVAILABLE && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        hold(customer(), showtime, showtime.seatIds().subList(5, 7));
        assertThat(failure(() -> confirm(customer, taken, UUID.randomUUID().toString(), true)).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_HOLD_EXPIRED);
        assertThat(states(showtime).get(showtime.seatIds().get(4))).as("all or nothing").isEqualTo(SeatState.SEAT_STATE_AVAILABLE);
    }
}
