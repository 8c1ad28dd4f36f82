package io.ticketmesh.booking;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.waitingroom.v1.AdmissionState;
import io.ticketmesh.proto.waitingroom.v1.ConfigureRoomRequest;
import io.ticketmesh.proto.waitingroom.v1.ConfigureRoomResponse;
import io.ticketmesh.proto.waitingroom.v1.GetStatusRequest;
import io.ticketmesh.proto.waitingroom.v1.JoinRequest;
import io.ticketmesh.proto.waitingroom.v1.RoomPlace;
import io.ticketmesh.proto.waitingroom.v1.WaitingRoomServiceGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The on-sale waiting room through booking-service's gRPC API, and its effect on holds in ticket-service (a real
 * process that learns of the room over Kafka): arrivals before the opening are shuffled, later ones queue in order,
 * admission goes at the room's rate, and while the room is active only an unexpired token of the holder's own, for
 * that showtime, lets a hold through.
 */
class WaitingRoomTest extends BookingTestBase {
    @Test
    void earlyArrivalsDrawTheirPlacesAndAreAdmittedInThatOrderAtTheRoomsRate() {
        String showtime = showtime(2, 10);
        long opensAt = System.currentTimeMillis() + 4_000;
        rooms(OWNER).configureRoom(request(showtime, true, 0, opensAt, Duration.ofMinutes(10)));
        List<String> early = List.of(customer(), customer(), customer());
        early.forEach(customer -> assertThat(join(customer, showtime).getState()).isEqualTo(AdmissionState.ADMISSION_STATE_WAITING));
        assertThat(early.stream().map(c -> status(c, showtime).getPosition()).toList()).as("estimated from the draw")
                .allSatisfy(position -> assertThat(position).isBetween(1L, 3L));
        awaitRefusal(early.getFirst(), () -> holdFirst(early.getFirst(), showtime, "", 1), "the waiting room is open");
        sleep(Math.max(0, opensAt - System.currentTimeMillis()));
        String late = customer();
        assertThat(join(late, showtime).getPosition()).as("behind the early arrivals, in a room that admits no one yet").isEqualTo(4);
        Map<String, Long> drawn = early.stream().collect(Collectors.toMap(c -> c, c -> status(c, showtime).getPosition()));
        assertThat(drawn.values()).containsExactlyInAnyOrder(1L, 2L, 3L);

        rooms(OWNER).configureRoom(request(showtime, true, 120, opensAt, Duration.ofMinutes(10)));
        assertThat(status(late, showtime).getEstimatedWait().getSeconds()).as("four turns at two a second").isBetween(1L, 3L);
        List<String> inOrder = new ArrayList<>(early.stream().sorted(Comparator.comparing(drawn::get)).toList());
        inOrder.add(late);
        List<String> admitted = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (admitted.size() < inOrder.size()) {
            assertThat(System.currentTimeMillis()).as("admitted so far " + admitted.size()).isLessThan(deadline);
            inOrder.stream().filter(c -> !admitted.contains(c))
                    .filter(c -> status(c, showtime).getState() == AdmissionState.ADMISSION_STATE_ADMITTED).forEach(admitted::add);
            sleep(50);
        }
        assertThat(admitted).as("the early ones in the order drawn, then the late one").isEqualTo(inOrder);

        RoomPlace first = status(admitted.getFirst(), showtime);
        assertThat(first.getAdmissionToken()).startsWith("WR1.");
        assertThat(first.getPosition()).isZero();
        assertThat(holdFirst(admitted.getFirst(), showtime, first.getAdmissionToken(), 2).getSeatIdsList()).hasSize(2);
        RemoteError borrowed = failure(() -> holdFirst(admitted.get(1), showtime, first.getAdmissionToken(), 1));
        assertThat(borrowed.reason()).isEqualTo(ErrorReason.ERROR_REASON_ADMISSION_REQUIRED);
        assertThat(borrowed.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(borrowed.message()).contains("another customer's");
        RemoteError forged = failure(() -> holdFirst(admitted.getFirst(), showtime, first.getAdmissionToken() + "A", 1));
        assertThat(forged.message()).contains("not one this showtime's waiting room gave");

        String other = showtime(1, 4);
        configure(OWNER, other, true, 60, Duration.ofMinutes(10));
        awaitRefusal(admitted.getFirst(), () -> holdFirst(admitted.getFirst(), other, first.getAdmissionToken(), 1), "for another showtime");
    }

    @Test
    void aLapsedAdmissionRefusesHoldsAndJoiningAgainQueuesAtTheBack() {
        String showtime = showtime(1, 6);
        configure(OWNER, showtime, true, 60_000, Duration.ofSeconds(2));
        String dora = customer();
        String requestId = UUID.randomUUID().toString();
        RoomPlace admitted = awaitPlace(dora, showtime, place -> place.getState() == AdmissionState.ADMISSION_STATE_ADMITTED, requestId);
        String token = admitted.getAdmissionToken();
        awaitRefusal(dora, () -> holdFirst(dora, showtime, "", 1), "the waiting room is open");
        HoldSeatsRequest admittedHold = HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime)
                .addSeatIds(seats(showtime).stream().filter(s -> s.getState() == SeatState.SEAT_STATE_AVAILABLE).findFirst().orElseThrow()
                        .getSeatId()).setAdmissionToken(token).build();
        Hold held = inventory(dora).holdSeats(admittedHold).getHold();
        assertThat(held.getSeatIdsList()).hasSize(1);

        RoomPlace lapsed = awaitPlace(dora, showtime, place -> place.getState() == AdmissionState.ADMISSION_STATE_EXPIRED, null);
        assertThat(lapsed.getAdmissionToken()).isEmpty();
        assertThat(inventory(dora).holdSeats(admittedHold).getHold().getHoldId()).as("a retry of the hold made while admitted")
                .isEqualTo(held.getHoldId());
        assertThat(failure(() -> holdFirst(dora, showtime, token, 1)).message()).contains("has expired");
        assertThat(join(dora, showtime, requestId).getState()).as("a retry of the first join").isEqualTo(AdmissionState.ADMISSION_STATE_EXPIRED);
        RoomPlace again = join(dora, showtime, UUID.randomUUID().toString());
        assertThat(again.getState()).isIn(AdmissionState.ADMISSION_STATE_WAITING, AdmissionState.ADMISSION_STATE_ADMITTED);
        assertThat(awaitPlace(dora, showtime, place -> place.getState() == AdmissionState.ADMISSION_STATE_ADMITTED, null)
                .getAdmissionToken()).isNotEqualTo(token);
    }

    @Test
    void onlyOwnersSetUpARoomARetryChangesNothingAndARoomTurnedOffAdmitsEveryone() {
        String showtime = showtime(1, 4);
        String customer = customer();
        assertThat(failure(() -> configure(customer, showtime, true, 60, Duration.ofMinutes(10))).code())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        RemoteError tooLong = failure(() -> configure(OWNER, showtime, true, 60, Duration.ofHours(25)));
        assertThat(tooLong.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(tooLong.message()).contains("admission_ttl");
        RoomPlace noRoom = status(customer, showtime);
        assertThat(noRoom.getState()).as("no room yet: everyone is in").isEqualTo(AdmissionState.ADMISSION_STATE_ADMITTED);
        assertThat(noRoom.getAdmissionToken()).isEmpty();

        ConfigureRoomRequest on = request(showtime, true, 0, System.currentTimeMillis(), Duration.ofMinutes(10));
        ConfigureRoomResponse first = rooms(OWNER).configureRoom(on);
        assertThat(first.getActive()).isTrue();
        assertThat(join(customer, showtime).getState()).as("a room admitting no one").isEqualTo(AdmissionState.ADMISSION_STATE_WAITING);
        assertThat(join(customer, showtime).hasEstimatedWait()).as("no wait to estimate at a rate of 0").isFalse();
        awaitRefusal(customer, () -> holdFirst(customer, showtime, "", 1), "the waiting room is open");
        assertThat(rooms(OWNER).configureRoom(on.toBuilder().setActive(false).build())).as("a retry, though the body changed")
                .isEqualTo(first.toBuilder().setWaiting(1).build());
        assertThat(failure(() -> holdFirst(customer, showtime, "", 1)).reason()).isEqualTo(ErrorReason.ERROR_REASON_ADMISSION_REQUIRED);

        configure(OWNER, showtime, false, 0, Duration.ofMinutes(10));
        RoomPlace open = join(customer, showtime);
        assertThat(open.getState()).isEqualTo(AdmissionState.ADMISSION_STATE_ADMITTED);
        assertThat(open.getAdmissionToken()).as("no room: no token needed").isEmpty();
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                assertThat(holdFirst(customer, showtime, "", 1).getSeatIdsList()).hasSize(1);
                return;
            } catch (io.grpc.StatusRuntimeException e) {
                assertThat(System.currentTimeMillis()).as("still refused: " + e.getMessage()).isLessThan(deadline);
                sleep(200);
            }
        }
    }

    private static WaitingRoomServiceGrpc.WaitingRoomServiceBlockingStub rooms(String token) {
        return GrpcTestCalls.as(WaitingRoomServiceGrpc.newBlockingStub(CHANNEL), token);
    }

    private static ConfigureRoomRequest request(String showtime, boolean active, int perMinute, long opensAtMillis, Duration admission) {
        return ConfigureRoomRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime).setActive(active)
                .setAdmitPerMinute(perMinute).setOpensAt(Timestamps.fromMillis(opensAtMillis))
                .setAdmissionTtl(Durations.fromMillis(admission.toMillis())).build();
    }

    /** Sets up the room, open from now. */
    private static ConfigureRoomResponse configure(String token, String showtime, boolean active, int perMinute, Duration admission) {
        return rooms(token).configureRoom(request(showtime, active, perMinute, System.currentTimeMillis(), admission));
    }

    private static RoomPlace join(String customer, String showtime) {
        return join(customer, showtime, UUID.randomUUID().toString());
    }

    private static RoomPlace join(String customer, String showtime, String requestId) {
        return rooms(customer).join(JoinRequest.newBuilder().setRequestId(requestId).setShowtimeId(showtime).build()).getPlace();
    }

    private static RoomPlace status(String customer, String showtime) {
        return rooms(customer).getStatus(GetStatusRequest.newBuilder().setShowtimeId(showtime).build()).getPlace();
    }

    /** Joins (with {@code requestId}, when given) and asks until the place is as wanted (30 seconds at most). */
    private static RoomPlace awaitPlace(String customer, String showtime, Predicate<RoomPlace> wanted, String requestId) {
        RoomPlace place = requestId != null ? join(customer, showtime, requestId) : status(customer, showtime);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!wanted.test(place)) {
            assertThat(System.currentTimeMillis()).as("still " + place).isLessThan(deadline);
            sleep(100);
            place = status(customer, showtime);
        }
        return place;
    }

    /** Holds the first {@code count} available seats with the token. */
    private static Hold holdFirst(String customer, String showtime, String token, int count) {
        List<String> free = seats(showtime).stream().filter(s -> s.getState() == SeatState.SEAT_STATE_AVAILABLE).limit(count)
                .map(SeatAvailability::getSeatId).toList();
        return inventory(customer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime).addAllSeatIds(free).setAdmissionToken(token).build()).getHold();
    }

    /**
     * Tries the hold until ticket-service refuses it for want of admission (it learns of a room over Kafka); a hold
     * that goes through before is released again.
     */
    private static void awaitRefusal(String customer, Supplier<Hold> hold, String why) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                Hold made = hold.get();
                inventory(customer).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                        .setHoldId(made.getHoldId()).build());
            } catch (io.grpc.StatusRuntimeException e) {
                RemoteError error = RemoteError.of(e);
                if (error.reason() == ErrorReason.ERROR_REASON_ADMISSION_REQUIRED) {
                    assertThat(error.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(error.message()).contains(why);
                    return;
                }
                throw e;
            }
            assertThat(System.currentTimeMillis()).as("holds still go through without admission").isLessThan(deadline);
            sleep(200);
        }
    }
}
