package io.ticketmesh.ticket;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.grpc.Status;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.IssueTicketsRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import io.ticketmesh.proto.ticket.v1.StandingPlaces;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketServiceGrpc;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Standing places: counted on the seat map, held by number (ticket-service picks them), sold and ticketed like seats. */
class StandingTest extends TicketServiceTestBase {
    @Autowired
    DSLContext dsl;

    private static HoldSeatsRequest.Builder standing(PublishedShowtime showtime, int places) {
        return HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime.id())
                .addStanding(StandingPlaces.newBuilder().setSectionId(showtime.floorId()).setQuantity(places));
    }

    private static StandingAvailability floor(PublishedShowtime showtime) {
        return inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime.id()).build())
                .getStanding(0);
    }

    @Test
    void theSeatMapCountsAFloorsPlacesInsteadOfListingThem() {
        PublishedShowtime showtime = publishWithFloor(2, 5, 30, 10);
        var availability = inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime.id()).build());
        assertThat(availability.getSeatsList()).hasSize(10).noneMatch(SeatAvailability::getStanding);
        assertThat(availability.getStandingList()).singleElement().satisfies(floor -> {
            assertThat(floor.getSectionId()).isEqualTo(showtime.floorId());
            assertThat(floor.getCapacity()).isEqualTo(30);
            assertThat(floor.getAvailable()).isEqualTo(30);
            assertThat(floor.getHeld() + floor.getSold()).isZero();
            assertThat(floor.getPrice().getAmountMinor()).isEqualTo(1500);
        });
        assertThat(dsl.fetchValue("select count(*) from seats where showtime_id = ? and standing", UUID.fromString(showtime.id())))
                .isEqualTo(30L);
    }

    @Test
    void placesAreHeldByNumberWithSeatsAllOrNothingAndARetryGetsTheSameOnes() {
        PublishedShowtime showtime = publishWithFloor(1, 5, 20, 10);
        String customer = customer();
        HoldSeatsRequest request = standing(showtime, 3).addSeatIds(showtime.seatIds().get(0)).build();
        Hold hold = inventory(customer).holdSeats(request).getHold();

        assertThat(hold.getSeatIdsList()).hasSize(4).contains(showtime.seatIds().get(0));
        assertThat(hold.getStandingList()).containsExactly(StandingPlaces.newBuilder().setSectionId(showtime.floorId()).setQuantity(3).build());
        assertThat(hold.getSeatsList()).filteredOn(SeatAvailability::getStanding).hasSize(3)
                .allSatisfy(place -> {
                    assertThat(place.getSection()).isEqualTo("Floor");
                    assertThat(place.getRow() + place.getLabel()).isEmpty();
                    assertThat(place.getPrice().getAmountMinor()).isEqualTo(1500);
                });
        assertThat(hold.getSubtotal().getAmountMinor()).isEqualTo(2500 + 3 * 1500);
        assertThat(floor(showtime).getAvailable()).isEqualTo(17);
        assertThat(floor(showtime).getHeld()).isEqualTo(3);

        assertThat(inventory(customer).holdSeats(request).getHold().getSeatIdsList()).as("a retry picks nothing new")
                .containsExactlyElementsOf(hold.getSeatIdsList());
        assertThat(failure(() -> inventory(customer).holdSeats(request.toBuilder()
                .setStanding(0, request.getStanding(0).toBuilder().setQuantity(2)).build())).reason())
                .as("the same request id for other places").isEqualTo(ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED);

        RemoteError seatTaken = failure(() -> inventory(customer()).holdSeats(standing(showtime, 2)
                .addSeatIds(showtime.seatIds().get(0)).build()));
        assertThat(seatTaken.reason()).isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);
        assertThat(floor(showtime).getAvailable()).as("a refused hold takes no place").isEqualTo(17);

        inventory(customer).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setHoldId(hold.getHoldId()).build());
        assertThat(floor(showtime).getAvailable()).isEqualTo(20);
    }

    @Test
    void bestAvailableOfAStandingTierTakesPlacesOfItsArea() {
        PublishedShowtime showtime = publishWithFloor(1, 5, 5, 10);
        HoldBestAvailableRequest floorTier = HoldBestAvailableRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).setQuantity(3).setTier("B").build();
        String customer = customer();
        Hold hold = inventory(customer).holdBestAvailable(floorTier).getHold();
        assertThat(hold.getStandingList()).singleElement().satisfies(places -> {
            assertThat(places.getSectionId()).isEqualTo(showtime.floorId());
            assertThat(places.getQuantity()).isEqualTo(3);
        });
        assertThat(hold.getSeatsList()).hasSize(3).allMatch(SeatAvailability::getStanding);
        assertThat(inventory(customer).holdBestAvailable(floorTier).getHold()).as("a retry").isEqualTo(hold);
        assertThat(floor(showtime).getHeld()).isEqualTo(3);

        RemoteError tooFew = failure(() -> inventory(customer()).holdBestAvailable(floorTier.toBuilder()
                .setRequestId(UUID.randomUUID().toString()).build()));
        assertThat(tooFew.reason()).isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);
        Hold seated = inventory(customer()).holdBestAvailable(floorTier.toBuilder().setRequestId(UUID.randomUUID().toString())
                .setTier("A").setQuantity(2).build()).getHold();
        assertThat(seated.getSeatsList()).hasSize(2).noneMatch(SeatAvailability::getStanding);
        assertThat(failure(() -> inventory(customer()).holdBestAvailable(floorTier.toBuilder().setRequestId(UUID.randomUUID().toString())
                .setTier("Z").build())).code()).as("a tier the showtime lacks").isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void bestAvailableGoesOnToTheNextAreaOfItsTierAndFromATiersSeatsToItsFloor() {
        List<String> pit = new ArrayList<>();
        List<String> floors = new ArrayList<>();
        PublishedShowtime showtime = publishWithFloors(1, 4, 20, id -> {
            pit.add(CATALOG.addFloor(id, "Pit", 3, "A").getSectionId());
            floors.add(CATALOG.addFloor(id, "Floor left", 2, "B").getSectionId());
            floors.add(CATALOG.addFloor(id, "Floor right", 4, "B").getSectionId());
        });
        HoldBestAvailableRequest.Builder best = HoldBestAvailableRequest.newBuilder().setShowtimeId(showtime.id()).setTogether(true);

        Hold right = inventory(customer()).holdBestAvailable(best.setRequestId(UUID.randomUUID().toString()).setTier("B").setQuantity(3)
                .build()).getHold();
        assertThat(right.getStandingList()).as("the left floor has two places, not three")
                .containsExactly(StandingPlaces.newBuilder().setSectionId(floors.get(1)).setQuantity(3).build());

        Hold seats = inventory(customer()).holdBestAvailable(best.setRequestId(UUID.randomUUID().toString()).setTier("A").setQuantity(4)
                .build()).getHold();
        assertThat(seats.getSeatsList()).as("a tier's numbered seats first").hasSize(4).noneMatch(SeatAvailability::getStanding);
        Hold standing = inventory(customer()).holdBestAvailable(best.setRequestId(UUID.randomUUID().toString()).setTier("A").setQuantity(2)
                .build()).getHold();
        assertThat(standing.getStandingList()).as("no seat of A is left: its floor then")
                .containsExactly(StandingPlaces.newBuilder().setSectionId(pit.get(0)).setQuantity(2).build());

        RemoteError anySeat = failure(() -> inventory(customer()).holdBestAvailable(best.setRequestId(UUID.randomUUID().toString())
                .setTier("").setQuantity(2).build()));
        assertThat(anySeat.reason()).as("asked for no tier, a customer is not sent to stand").isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);
        RemoteError aisle = failure(() -> inventory(customer()).holdBestAvailable(best.setRequestId(UUID.randomUUID().toString())
                .setTier("A").setQuantity(1).setTogether(false).addFeatures(SeatFeature.SEAT_FEATURE_AISLE).build()));
        assertThat(aisle.reason()).as("a floor's places have no features").isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);
        assertThat(inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime.id()).build())
                .getStandingList()).as("held by area").extracting(StandingAvailability::getSectionId, StandingAvailability::getHeld)
                .containsExactlyInAnyOrder(tuple(pit.get(0), 2), tuple(floors.get(0), 0), tuple(floors.get(1), 3));
    }

    @Test
    void aFloorWithTooFewPlacesLeftOrAnAreaTheShowtimeLacksIsRefusedClearly() {
        PublishedShowtime showtime = publishWithFloor(1, 5, 5, 10);
        inventory(customer()).holdSeats(standing(showtime, 4).build());

        RemoteError tooFew = failure(() -> inventory(customer()).holdSeats(standing(showtime, 2).build()));
        assertThat(tooFew.reason()).isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);
        assertThat(tooFew.metadata()).containsEntry("section_id", showtime.floorId()).containsEntry("available", "1");

        RemoteError otherArea = failure(() -> inventory(customer()).holdSeats(standing(showtime, 1)
                .setStanding(0, StandingPlaces.newBuilder().setSectionId(UUID.randomUUID().toString()).setQuantity(1)).build()));
        assertThat(otherArea.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(otherArea.violations()).extracting(v -> v.field()).containsExactly("standing");

        RemoteError nothing = failure(() -> inventory(customer()).holdSeats(HoldSeatsRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime.id()).build()));
        assertThat(nothing.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);

        RemoteError noPlace = failure(() -> inventory(customer()).holdSeats(standing(showtime, 1)
                .setStanding(0, StandingPlaces.newBuilder().setSectionId(showtime.floorId()).setQuantity(0)).build()));
        assertThat(noPlace.code()).as("quantity below 1").isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void customersRushingAFloorNeverShareAPlaceAndTheCountsReconcile() throws InterruptedException {
        int capacity = 60;
        PublishedShowtime showtime = publishWithFloor(1, 2, capacity, 10);
        RaceOutcome outcome = raceForHolds(50, () -> standing(showtime, 1 + ThreadLocalRandom.current().nextInt(3)).build(), () -> { });
        assertThat(outcome.unexpected()).isEmpty();
        assertThat(outcome.holds().size() + outcome.refused()).isEqualTo(50);
        List<String> granted = new ArrayList<>();
        outcome.holds().forEach(hold -> granted.addAll(hold.getSeatIdsList()));
        assertThat(granted).as("no place granted twice").doesNotHaveDuplicates();
        assertThat(granted.size()).as("demand of 50 to 150 places fills most of a floor of 60").isGreaterThan(capacity / 2);

        UUID id = UUID.fromString(showtime.id());
        assertThat(dsl.fetchValue("select count(*) from seats where showtime_id = ? and standing and state = 'HELD'", id))
                .as("held places are exactly the granted ones").isEqualTo((long) granted.size());
        StandingAvailability floor = floor(showtime);
        assertThat(floor.getHeld()).isEqualTo(granted.size());
        assertThat(floor.getAvailable() + floor.getHeld()).isEqualTo(capacity);
    }

    @Test
    void aConfirmedStandingHoldIsSoldAndTicketedOnePlaceATicket() {
        PublishedShowtime showtime = publishWithFloor(1, 5, 10, 10);
        String customer = customer();
        Hold hold = inventory(customer).holdSeats(standing(showtime, 2).build()).getHold();
        String bookingId = UUID.randomUUID().toString();
        inventory(customer).confirmHold(ConfirmHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setHoldId(hold.getHoldId()).setBookingId(bookingId).build());
        assertThat(floor(showtime).getSold()).isEqualTo(2);
        assertThat(floor(showtime).getAvailable()).isEqualTo(8);

        List<Ticket> tickets = GrpcTestCalls.as(TicketServiceGrpc.newBlockingStub(CHANNEL), customer).issueTickets(IssueTicketsRequest
                .newBuilder().setRequestId(UUID.randomUUID().toString()).setBookingId(bookingId).setHoldId(hold.getHoldId())
                .setHolderName("Ada Lovelace").build()).getTicketsList();
        assertThat(tickets).hasSize(2).allSatisfy(ticket -> {
            assertThat(ticket.getSection()).isEqualTo("Floor");
            assertThat(ticket.getRow() + ticket.getSeatLabel()).isEmpty();
            assertThat(ticket.getQrPayload()).startsWith("TM1.");
        }).extracting(Ticket::getSeatId).containsExactlyInAnyOrderElementsOf(hold.getSeatIdsList());
    }
}
