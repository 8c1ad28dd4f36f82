package io.ticketmesh.ticket;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static io.ticketmesh.ticket.persistence.jooq.Tables.INVENTORY_SHOWTIMES;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.ShowtimeCancelled;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldRequest;
import io.ticketmesh.proto.ticket.v1.ExtendHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableRequest;
import io.ticketmesh.proto.ticket.v1.HoldExpired;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.HoldStatus;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseReason;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatsReleased;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.platform.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Inventory built from the catalog, and holds: all or nothing, limits, retries, release, extension, expiry. */
class HoldTest extends TicketServiceTestBase {
    @Autowired
    DSLContext dsl;

    private static HoldSeatsRequest.Builder holdOf(PublishedShowtime showtime, List<String> seats) {
        return HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime.id()).addAllSeatIds(seats);
    }

    private static Map<String, SeatState> states(PublishedShowtime showtime) {
        return availability(showtime).getSeatsList().stream().collect(Collectors.toMap(SeatAvailability::getSeatId, SeatAvailability::getState));
    }

    private static GetSeatAvailabilityResponse availability(PublishedShowtime showtime) {
        return inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime.id()).build());
    }

    @Test
    void aPublishedShowtimeHasEverySeatAvailableAndARedeliveryChangesNothing() {
        PublishedShowtime showtime = publish(4, 10, 10);
        GetSeatAvailabilityResponse seats = availability(showtime);
        assertThat(seats.getSeatsList()).hasSize(40).allMatch(s -> s.getState() == SeatState.SEAT_STATE_AVAILABLE);
        assertThat(seats.getOnSale()).isTrue();
        assertThat(seats.getSeats(0).getPrice().getAmountMinor()).isEqualTo(2500);

        send("ticketmesh.catalog.showtimes", showtime.id(), showtime.event());
        send("ticketmesh.catalog.showtimes", showtime.id(), showtime.event().toBuilder()
                .setMetadata(EventMetadatas.next(showtime.id(), 2)).build());
        publish(1, 1, 1);
        assertThat(dsl.fetchCount(DSL.table("seats"), DSL.field("showtime_id").eq(UUID.fromString(showtime.id())))).isEqualTo(40);
    }

    @Test
    void aHoldTakesItsSeatsAndARivalForAnyOfThemGetsNoneWithTheTakenSeatsNamed() {
        PublishedShowtime showtime = publish(2, 10, 10);
        List<String> seats = showtime.seatIds();
        long before = availability(showtime).getVersion();
        Hold hold = inventory(customer()).holdSeats(holdOf(showtime, seats.subList(0, 2)).build()).getHold();
        assertThat(hold.getStatus()).isEqualTo(HoldStatus.HOLD_STATUS_ACTIVE);
        assertThat(hold.getSubtotal().getAmountMinor()).isEqualTo(5000);
        assertThat(hold.getSeatsList()).allMatch(s -> s.getState() == SeatState.SEAT_STATE_HELD);

        RemoteError rival = failure(() -> inventory(customer()).holdSeats(holdOf(showtime, seats.subList(1, 4)).build()));
        assertThat(rival.code()).isEqualTo(Status.Code.ABORTED);
        assertThat(rival.reason()).isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);
        assertThat(rival.metadata()).containsEntry("seat_ids", seats.get(1));

        Map<String, SeatState> now = states(showtime);
        assertThat(now.get(seats.get(0))).isEqualTo(SeatState.SEAT_STATE_HELD);
        assertThat(now.get(seats.get(2))).as("all or nothing: the rival's free seats stay free").isEqualTo(SeatState.SEAT_STATE_AVAILABLE);
        assertThat(availability(showtime).getVersion()).isGreaterThan(before);
    }

    @Test
    void theBoxOfficeHoldsBeyondTheCustomerLimitForTheOrganizationsStaffOnly() {
        PublishedShowtime showtime = publish(2, 10, 2);
        String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
        Hold counter = inventory(staff).holdSeats(holdOf(showtime, showtime.seatIds().subList(0, 4)).setBoxOffice(true).build()).getHold();
        assertThat(counter.getSeatIdsList()).hasSize(4);
        assertThat(counter.getBoxOffice()).isTrue();
        Hold best = inventory(staff).holdBestAvailable(HoldBestAvailableRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).setQuantity(3).setTogether(true).setBoxOffice(true).build()).getHold();
        assertThat(best.getSeatIdsList()).hasSize(3);
        Hold own = inventory(staff).holdSeats(holdOf(showtime, showtime.seatIds().subList(10, 12)).build()).getHold();
        assertThat(own.getBoxOffice()).as("the staff member's own hold, the box office's seven seats not counted toward their limit")
                .isFalse();
        assertThat(failure(() -> inventory(staff).holdSeats(holdOf(showtime, showtime.seatIds().subList(12, 13)).build()).getHold())
                .reason()).as("their own holds are a customer's").isEqualTo(ErrorReason.ERROR_REASON_LIMIT_EXCEEDED);

        String customer = customer();
        String otherOrganization = TOKENS.member(UUID.randomUUID().toString(), Map.of(UUID.randomUUID().toString(), "OWNER"));
        for (String outsider : List.of(customer, otherOrganization)) {
            assertThat(failure(() -> inventory(outsider).holdSeats(holdOf(showtime, showtime.seatIds().subList(13, 14)).setBoxOffice(true)
                    .build())).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(states(showtime).get(showtime.seatIds().get(13))).isEqualTo(SeatState.SEAT_STATE_AVAILABLE);

        dsl.update(INVENTORY_SHOWTIMES).set(INVENTORY_SHOWTIMES.SALES_END, OffsetDateTime.now().minusMinutes(1))
                .where(INVENTORY_SHOWTIMES.ID.eq(UUID.fromString(showtime.id()))).execute();
        assertThat(failure(() -> inventory(customer).holdSeats(holdOf(showtime, showtime.seatIds().subList(14, 15)).build())).reason())
                .as("online sales have ended").isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);
        assertThat(inventory(staff).holdSeats(holdOf(showtime, showtime.seatIds().subList(14, 15)).setBoxOffice(true).build()).getHold()
                .getSeatIdsList()).as("the box office sells at the door until the start").hasSize(1);
        dsl.update(INVENTORY_SHOWTIMES).set(INVENTORY_SHOWTIMES.SALES_END, (OffsetDateTime) null)
                .set(INVENTORY_SHOWTIMES.SALES_START, OffsetDateTime.now().plusDays(1))
                .where(INVENTORY_SHOWTIMES.ID.eq(UUID.fromString(showtime.id()))).execute();
        assertThat(inventory(staff).holdSeats(holdOf(showtime, showtime.seatIds().subList(15, 16)).setBoxOffice(true).build()).getHold()
                .getSeatIdsList()).as("and before the general sale").hasSize(1);
        dsl.update(INVENTORY_SHOWTIMES).set(INVENTORY_SHOWTIMES.STARTS_AT, OffsetDateTime.now().minusMinutes(1))
                .where(INVENTORY_SHOWTIMES.ID.eq(UUID.fromString(showtime.id()))).execute();
        assertThat(failure(() -> inventory(staff).holdSeats(holdOf(showtime, showtime.seatIds().subList(16, 17)).setBoxOffice(true).build()))
                .reason()).as("but not once the show began").isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);
    }

    @Test
    void theSameRequestTwiceIsOneHoldAndTheCustomerLimitCountsEveryHold() {
        PublishedShowtime showtime = publish(2, 10, 4);
        String customer = customer();
        HoldSeatsRequest request = holdOf(showtime, showtime.seatIds().subList(0, 3)).build();
        Hold first = inventory(customer).holdSeats(request).getHold();
        Hold again = inventory(customer).holdSeats(request).getHold();
        assertThat(again.getHoldId()).isEqualTo(first.getHoldId());

        RemoteError limit = failure(() -> inventory(customer).holdSeats(holdOf(showtime, showtime.seatIds().subList(5, 7)).build()));
        assertThat(limit.reason()).isEqualTo(ErrorReason.ERROR_REASON_LIMIT_EXCEEDED);
        assertThat(limit.metadata()).containsEntry("limit", "4").containsEntry("held_or_bought", "3");
        assertThat(states(showtime).get(showtime.seatIds().get(5))).isEqualTo(SeatState.SEAT_STATE_AVAILABLE);

        RemoteError unknown = failure(() -> inventory(customer()).holdSeats(holdOf(showtime, List.of(UUID.randomUUID().toString())).build()));
        assertThat(unknown.violations()).extracting(v -> v.field()).containsExactly("seat_ids");
    }

    @Test
    void onlyTheHolderReleasesAndExtendsAndExtensionsAreBounded() {
        PublishedShowtime showtime = publish(1, 6, 10);
        String holder = customer();
        Hold hold = inventory(holder).holdSeats(holdOf(showtime, showtime.seatIds().subList(0, 2)).build()).getHold();

        assertThat(failure(() -> inventory(customer()).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId("r1")
                .setHoldId(hold.getHoldId()).build())).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        Hold extended = inventory(holder).extendHold(ExtendHoldRequest.newBuilder().setRequestId("e1").setHoldId(hold.getHoldId()).build()).getHold();
        assertThat(extended.getExpiresAt().getSeconds()).isGreaterThan(hold.getExpiresAt().getSeconds());
        inventory(holder).extendHold(ExtendHoldRequest.newBuilder().setRequestId("e2").setHoldId(hold.getHoldId()).build());
        RemoteError third = failure(() -> inventory(holder).extendHold(ExtendHoldRequest.newBuilder().setRequestId("e3")
                .setHoldId(hold.getHoldId()).build()));
        assertThat(third.reason()).isEqualTo(ErrorReason.ERROR_REASON_HOLD_EXTENSION_LIMIT);

        Hold released = inventory(holder).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId("r2").setHoldId(hold.getHoldId()).build()).getHold();
        assertThat(released.getStatus()).isEqualTo(HoldStatus.HOLD_STATUS_RELEASED);
        assertThat(states(showtime).get(showtime.seatIds().get(0))).isEqualTo(SeatState.SEAT_STATE_AVAILABLE);
        inventory(customer()).holdSeats(holdOf(showtime, showtime.seatIds().subList(0, 2)).build());
        assertThat(inventory(holder).getHold(GetHoldRequest.newBuilder().setHoldId(hold.getHoldId()).build()).getHold().getStatus())
                .isEqualTo(HoldStatus.HOLD_STATUS_RELEASED);
    }

    @Test
    void aLapsedHoldIsSweptAndItsSeatsComeBack() throws InterruptedException {
        PublishedShowtime showtime = publish(1, 4, 10);
        String holder = customer();
        Hold hold = inventory(holder).holdSeats(holdOf(showtime, showtime.seatIds().subList(0, 2)).build()).getHold();
        dsl.execute("update holds set expires_at = now() - interval '1 second' where id = ?", UUID.fromString(hold.getHoldId()));

        long deadline = System.currentTimeMillis() + 10_000;
        while (states(showtime).get(showtime.seatIds().get(0)) != SeatState.SEAT_STATE_AVAILABLE && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(states(showtime).get(showtime.seatIds().get(1))).isEqualTo(SeatState.SEAT_STATE_AVAILABLE);
        assertThat(inventory(holder).getHold(GetHoldRequest.newBuilder().setHoldId(hold.getHoldId()).build()).getHold().getStatus())
                .isEqualTo(HoldStatus.HOLD_STATUS_EXPIRED);
        assertThat(failure(() -> inventory(holder).extendHold(ExtendHoldRequest.newBuilder().setRequestId("late")
                .setHoldId(hold.getHoldId()).build())).reason()).isEqualTo(ErrorReason.ERROR_REASON_HOLD_EXPIRED);
        assertThat(inventory(customer()).holdSeats(holdOf(showtime, showtime.seatIds().subList(0, 2)).build()).getHold().getSeatIdsCount())
                .as("the seats are holdable again at once").isEqualTo(2);
        var expired = eventsOn("ticketmesh.inventory.seats", showtime.id(), "ticketmesh.ticket.v1.HoldExpired", 1);
        assertThat(expired).singleElement().satisfies(e -> assertThat(e.payload(HoldExpired.parser()).getHoldId()).isEqualTo(hold.getHoldId()));
    }

    @Test
    void holdsOfTheSameSeatsOnTwoShowtimesOfOneHallLapsingTogetherAreEachAnnouncedWithTheirOwnSeatsInVersionOrder()
            throws InterruptedException {
        PublishedShowtime friday = publish(1, 6, 10);
        PublishedShowtime saturday = publishInSameHall(friday, 10);
        String holder = customer();
        Map<String, List<String>> holdsOf = new HashMap<>();
        for (PublishedShowtime showtime : List.of(friday, saturday)) {
            for (int i = 0; i < 3; i++) {
                Hold hold = inventory(holder).holdSeats(holdOf(showtime, showtime.seatIds().subList(2 * i, 2 * i + 2)).build()).getHold();
                holdsOf.computeIfAbsent(showtime.id(), k -> new ArrayList<>()).add(hold.getHoldId());
            }
        }
        dsl.execute("update holds set expires_at = now() - interval '1 second' where showtime_id in (?, ?)",
                UUID.fromString(friday.id()), UUID.fromString(saturday.id()));

        long deadline = System.currentTimeMillis() + 10_000;
        while (!states(saturday).values().stream().allMatch(SeatState.SEAT_STATE_AVAILABLE::equals) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        for (PublishedShowtime showtime : List.of(friday, saturday)) {
            assertThat(states(showtime).values()).as("every seat of %s free again", showtime.id()).containsOnly(SeatState.SEAT_STATE_AVAILABLE);
            var released = eventsOn("ticketmesh.inventory.seats", showtime.id(), "ticketmesh.ticket.v1.SeatsReleased", 9).stream()
                    .map(e -> e.payload(SeatsReleased.parser())).toList();
            assertThat(released).extracting(SeatsReleased::getHoldId).containsExactlyInAnyOrderElementsOf(holdsOf.get(showtime.id()));
            assertThat(released).flatExtracting(SeatsReleased::getSeatIdsList).containsExactlyInAnyOrderElementsOf(showtime.seatIds());
            assertThat(released).allMatch(e -> e.getShowtimeId().equals(showtime.id()) && e.getReason() == ReleaseReason.RELEASE_REASON_HOLD_EXPIRED)
                    .extracting(e -> e.getMetadata().getAggregateVersion()).isSorted();
            assertThat(eventsOn("ticketmesh.inventory.seats", showtime.id(), "ticketmesh.ticket.v1.HoldExpired", 9))
                    .extracting(e -> e.payload(HoldExpired.parser()).getHoldId()).containsExactlyInAnyOrderElementsOf(holdsOf.get(showtime.id()));
        }
    }

    @Test
    void bestAvailableHoldsAdjacentSeatsNearestTheStageAndARetryIsTheSameHold() {
        PublishedShowtime showtime = publish(3, 8, 10);
        String customer = customer();
        HoldBestAvailableRequest request = HoldBestAvailableRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).setQuantity(3).setTogether(true).build();
        Hold hold = inventory(customer).holdBestAvailable(request).getHold();
        assertThat(hold.getSeatsList()).extracting(SeatAvailability::getRow).containsOnly("A");
        List<Integer> positions = hold.getSeatIdsList().stream().map(id -> showtime.seatIds().indexOf(id)).sorted().toList();
        assertThat(positions.getLast() - positions.getFirst()).as("adjacent").isEqualTo(2);
        assertThat(positions.getFirst()).as("no single seat left at either end of the row").isNotEqualTo(1).isLessThan(6);
        assertThat(inventory(customer).holdBestAvailable(request).getHold().getHoldId()).isEqualTo(hold.getHoldId());

        RemoteError none = failure(() -> inventory(customer()).holdBestAvailable(request.toBuilder()
                .setRequestId(UUID.randomUUID().toString()).setQuantity(9).build()));
        assertThat(none.reason()).isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);

        RemoteError noSuchTier = failure(() -> inventory(customer()).holdBestAvailable(request.toBuilder()
                .setRequestId(UUID.randomUUID().toString()).setTier("VIP").build()));
        assertThat(noSuchTier.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(noSuchTier.violations()).extracting(FieldViolation::field).containsExactly("tier");
        HoldBestAvailableRequest restOfTierA = request.toBuilder().setTier("A").setQuantity(7).setTogether(false).build();
        for (int customers = 0; customers < 3; customers++) { // every seat is tier A: 21 left after the first hold
            inventory(customer()).holdBestAvailable(restOfTierA.toBuilder().setRequestId(UUID.randomUUID().toString()).build());
        }
        RemoteError soldOut = failure(() -> inventory(customer()).holdBestAvailable(restOfTierA.toBuilder()
                .setRequestId(UUID.randomUUID().toString()).setQuantity(1).build()));
        assertThat(soldOut.reason()).as("a tier with no seat left is unavailable, not unknown").isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);
    }

    @Test
    void theRedisGateClaimsAHoldsSeatsGivesThemBackOnReleaseAndStaysInUse() {
        PublishedShowtime showtime = publish(1, 6, 10);
        String holder = customer();
        Hold first = inventory(holder).holdSeats(holdOf(showtime, showtime.seatIds().subList(0, 2)).build()).getHold();
        assertThat(gateClaim(showtime, showtime.seatIds().get(0))).isEqualTo(first.getHoldId());

        inventory(holder).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId("r").setHoldId(first.getHoldId()).build());
        assertThat(gateClaim(showtime, showtime.seatIds().get(0))).as("a released hold's claim is given back").isNull();

        Hold next = inventory(customer()).holdSeats(holdOf(showtime, showtime.seatIds().subList(2, 4)).build()).getHold();
        assertThat(gateClaim(showtime, showtime.seatIds().get(2))).as("the gate is still in use after a release").isEqualTo(next.getHoldId());
    }

    @Test
    void aRequestIdReusedForOtherSeatsLeavesTheHoldsGateClaims() {
        PublishedShowtime showtime = publish(1, 6, 10);
        String holder = customer();
        HoldSeatsRequest request = holdOf(showtime, showtime.seatIds().subList(0, 2)).build();
        Hold hold = inventory(holder).holdSeats(request).getHold();
        RemoteError reused = failure(() -> inventory(holder).holdSeats(request.toBuilder().clearSeatIds()
                .addAllSeatIds(showtime.seatIds().subList(1, 3)).build()));
        assertThat(reused.reason()).isEqualTo(ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED);
        assertThat(gateClaim(showtime, showtime.seatIds().get(1))).as("the hold's seat stays claimed").isEqualTo(hold.getHoldId());
        assertThat(gateClaim(showtime, showtime.seatIds().get(2))).as("the refused call's own claim is given back").isNull();
    }

    @Test
    void claimsGivenUpWhileRedisIsUnavailableAreGivenBackOnceItAnswersAgain() throws InterruptedException {
        PublishedShowtime showtime = publish(1, 6, 10);
        String holder = customer();
        Hold hold = inventory(holder).holdSeats(holdOf(showtime, showtime.seatIds().subList(0, 2)).build()).getHold();
        long pausedAt = System.nanoTime();
        TestInfrastructure.redis().pause(Duration.ofMillis(2_500));
        // a hold while Redis does not answer: the gate times out (1 s in tests) and is bypassed for 2 s, the hold goes through
        inventory(customer()).holdSeats(holdOf(showtime, showtime.seatIds().subList(4, 5)).build());
        inventory(holder).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId("r").setHoldId(hold.getHoldId()).build());
        Thread.sleep(Math.max(0, Duration.ofMillis(2_600).minusNanos(System.nanoTime() - pausedAt).toMillis()));
        assertThat(gateClaim(showtime, showtime.seatIds().get(0))).as("the release could not reach Redis").isEqualTo(hold.getHoldId());

        awaitGateInUse();
        long deadline = System.currentTimeMillis() + 10_000;
        while (gateClaim(showtime, showtime.seatIds().get(0)) != null && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(gateClaim(showtime, showtime.seatIds().get(0))).as("the released hold's claim is given back").isNull();
        Hold next = inventory(customer()).holdSeats(holdOf(showtime, showtime.seatIds().subList(0, 2)).build()).getHold();
        assertThat(gateClaim(showtime, showtime.seatIds().get(0))).isEqualTo(next.getHoldId());
    }

    @Test
    void batchedHoldAndReleaseEventsCarryTheTraceOfTheRequestTheyAreFor() {
        PublishedShowtime showtime = publish(1, 4, 10);
        String holder = customer();
        String holdTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String releaseTrace = "0af7651916cd43dd8448eb211c80319c";
        Hold hold = traced(inventory(holder), holdTrace).holdSeats(holdOf(showtime, showtime.seatIds().subList(0, 2)).build()).getHold();
        traced(inventory(holder), releaseTrace).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId("r").setHoldId(hold.getHoldId()).build());

        var events = KafkaTestEvents.read("ticketmesh.inventory.seats", showtime.id(), 2);
        assertThat(events).filteredOn(e -> e.type().equals("ticketmesh.ticket.v1.SeatsHeld")).singleElement()
                .satisfies(e -> assertThat(e.headers().get("traceparent")).startsWith("00-" + holdTrace + "-"));
        assertThat(events).filteredOn(e -> e.type().equals("ticketmesh.ticket.v1.SeatsReleased")).singleElement()
                .satisfies(e -> assertThat(e.headers().get("traceparent")).startsWith("00-" + releaseTrace + "-"));
    }

    /** The stub, calling as part of the trace {@code traceId} (a W3C traceparent header, as a traced caller sends). */
    private static InventoryServiceGrpc.InventoryServiceBlockingStub traced(InventoryServiceGrpc.InventoryServiceBlockingStub stub, String traceId) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), "00-" + traceId + "-00f067aa0ba902b7-01");
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Test
    void aCancelledShowtimeSellsNothing() {
        PublishedShowtime showtime = publish(1, 4, 10);
        String holder = customer();
        Hold before = inventory(holder).holdSeats(holdOf(showtime, showtime.seatIds().subList(2, 4)).build()).getHold();
        send("ticketmesh.catalog.showtimes", showtime.id(), ShowtimeCancelled.newBuilder()
                .setMetadata(EventMetadatas.next(showtime.id(), 3)).setShowtime(showtime.event().getShowtime()).build());
        long deadline = System.currentTimeMillis() + 10_000;
        while (availability(showtime).getOnSale() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        RemoteError refused = failure(() -> inventory(customer()).holdSeats(holdOf(showtime, showtime.seatIds().subList(0, 1)).build()));
        assertThat(refused.reason()).isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);

        // a hold made before the cancellation is neither sold (a booking started now takes no money) nor extended
        RemoteError notSold = failure(() -> inventory(holder).confirmHold(ConfirmHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setHoldId(before.getHoldId()).setBookingId(UUID.randomUUID().toString()).setReacquire(true).build()));
        assertThat(notSold.reason()).isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);
        assertThat(notSold.message()).contains("cancelled");
        RemoteError notExtended = failure(() -> inventory(holder).extendHold(ExtendHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setHoldId(before.getHoldId()).build()));
        assertThat(notExtended.reason()).isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);
        assertThat(availability(showtime).getSeatsList().stream().filter(seat -> seat.getState() == SeatState.SEAT_STATE_SOLD)).isEmpty();
    }
}
