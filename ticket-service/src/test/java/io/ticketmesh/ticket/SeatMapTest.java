package io.ticketmesh.ticket;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseSeatsRequest;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatMapView;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import io.ticketmesh.proto.ticket.v1.StandingPlaces;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** GetSeatAvailability under a crowd: reads of one showtime are shared, yet each answer includes what its caller did before asking. */
class SeatMapTest extends TicketServiceTestBase {
    /** Each visitor holds a seat and reads the map, this many times over. */
    private static final int ROUNDS = 5;

    @Autowired
    MeterRegistry meters;

    @Test
    void visitorsLoadingOneMapAtOnceInEitherViewEachSeeTheHoldTheyMadeBeforeAsking() throws InterruptedException {
        int visitors = 30;
        PublishedShowtime showtime = publish(20, 50, ROUNDS);
        GetSeatAvailabilityRequest read = GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime.id()).build();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < visitors; i++) {
            List<String> seats = showtime.seatIds().subList(i * ROUNDS, (i + 1) * ROUNDS);
            String customer = customer();
            SeatMapView view = i % 2 == 0 ? SeatMapView.SEAT_MAP_VIEW_FULL : SeatMapView.SEAT_MAP_VIEW_STATES;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (String seat : seats) {
                        inventory(customer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                                .setShowtimeId(showtime.id()).addSeatIds(seat).build());
                        GetSeatAvailabilityResponse map = inventory(null).getSeatAvailability(read.toBuilder().setView(view).build());
                        List<SeatState> states = states(map);
                        SeatState state = states.get(showtime.seatIds().indexOf(seat));
                        if (states.size() != 1000 || state != SeatState.SEAT_STATE_HELD) {
                            wrong.add(view + ": " + states.size() + " seats, the visitor's own seat " + state);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    wrong.add(e.toString());
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).as("every visitor sees their own hold on the map read after it").isEmpty();

        GetSeatAvailabilityResponse map = inventory(null).getSeatAvailability(read);
        assertThat(map.getSeatsList()).extracting(SeatAvailability::getSeatId).as("seats in map order: row by row, seat by seat")
                .containsExactlyElementsOf(showtime.seatIds());
        assertThat(map.getSeatsList()).filteredOn(s -> s.getState() == SeatState.SEAT_STATE_HELD).hasSize(visitors * ROUNDS);
        assertThat(meters.get("ticketmesh.seat_map.readers").summary().count()).as("reads were made through the shared lanes").isPositive();
    }

    @Test
    void theStatesViewPacksEverySeatsStateInTheFullViewsOrderAndTheLiveViewAddsEveryStandingPlace() {
        PublishedShowtime showtime = publishWithFloor(4, 10, 20, 10);
        List<String> held = List.of(showtime.seatIds().get(3), showtime.seatIds().get(17), showtime.seatIds().get(38));
        inventory(customer()).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).addAllSeatIds(held)
                .addStanding(StandingPlaces.newBuilder().setSectionId(showtime.floorId()).setQuantity(2)).build());
        GetSeatAvailabilityRequest.Builder read = GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime.id());

        GetSeatAvailabilityResponse full = inventory(null).getSeatAvailability(read.setView(SeatMapView.SEAT_MAP_VIEW_FULL).build());
        GetSeatAvailabilityResponse packed = inventory(null).getSeatAvailability(read.setView(SeatMapView.SEAT_MAP_VIEW_STATES).build());

        assertThat(packed.getSeatsList()).as("no seat in full").isEmpty();
        assertThat(packed.getSeatStates().size()).as("a byte a seat").isEqualTo(40);
        assertThat(states(packed)).as("the full view's states, in its order").containsExactlyElementsOf(states(full));
        assertThat(states(packed)).extracting(SeatState::getNumber).containsOnly(1, 2);
        for (String seat : held) {
            assertThat(states(packed).get(showtime.seatIds().indexOf(seat))).isEqualTo(SeatState.SEAT_STATE_HELD);
        }
        assertThat(packed.getVersion()).isEqualTo(full.getVersion()).isPositive();
        assertThat(packed.getCatalogVersion()).isEqualTo(full.getCatalogVersion()).isEqualTo(2);
        assertThat(packed.getStandingList()).as("standing areas counted in both views").isEqualTo(full.getStandingList())
                .singleElement().extracting(StandingAvailability::getHeld).isEqualTo(2);
        assertThat(full.getSeatStates().isEmpty()).as("no packed states in the full view").isTrue();

        GetSeatAvailabilityResponse live = inventory(null).getSeatAvailability(read.setView(SeatMapView.SEAT_MAP_VIEW_LIVE).build());
        assertThat(live.getSeatsList()).as("the seats' ids and states, in the full view's order, nothing else")
                .containsExactlyElementsOf(full.getSeatsList().stream().map(seat -> SeatAvailability.newBuilder().setSeatId(seat.getSeatId())
                        .setState(seat.getState()).build()).toList());
        assertThat(live.getStandingPlacesList()).as("every place of the floor, with its area").hasSize(20)
                .allMatch(place -> place.getSectionId().equals(showtime.floorId()));
        assertThat(live.getStandingPlacesList()).filteredOn(place -> place.getState() == SeatState.SEAT_STATE_HELD).hasSize(2);
        assertThat(full.getStandingPlacesList()).as("places only in the live view").isEmpty();
        assertThat(live.getVersion()).isEqualTo(full.getVersion());
        assertThat(live.getStandingList()).isEqualTo(full.getStandingList());

        RemoteError unknownView = failure(() -> inventory(null).getSeatAvailability(read.setViewValue(7).build()));
        assertThat(unknownView.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unknownView.violations()).extracting(v -> v.field()).containsExactly("view");
    }

    @Test
    void aPriceChangeRaisesTheCatalogVersionAndRepricesFreeSeatsAtOnceAndHeldOrSoldSeatsOnceFreed() throws InterruptedException {
        PublishedShowtime showtime = publish(2, 5, 10);
        String customer = customer();
        String held = showtime.seatIds().getFirst();
        String sold = showtime.seatIds().get(1);
        String holdId = inventory(customer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).addSeatIds(held).build()).getHold().getHoldId();
        String booking = UUID.randomUUID().toString();
        inventory(customer).confirmHold(ConfirmHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setBookingId(booking)
                .setHoldId(inventory(customer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                        .setShowtimeId(showtime.id()).addSeatIds(sold).build()).getHold().getHoldId()).build());
        GetSeatAvailabilityRequest read = GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime.id()).build();
        GetSeatAvailabilityResponse before = inventory(null).getSeatAvailability(read);

        Showtime repriced = showtime.event().getShowtime().toBuilder().setVersion(3).clearPriceTiers()
                .addPriceTiers(PriceTier.newBuilder().setTier("A").setPrice(Money.newBuilder().setAmountMinor(3000).setCurrency("EUR")))
                .build();
        send("ticketmesh.catalog.showtimes", showtime.id(), ShowtimeChanged.newBuilder().setMetadata(EventMetadatas.next(showtime.id(), 3))
                .setShowtime(repriced).addChangedFields("price_tiers").build());
        GetSeatAvailabilityResponse after = before;
        for (long deadline = System.currentTimeMillis() + 20_000; after.getCatalogVersion() == before.getCatalogVersion()
                && System.currentTimeMillis() < deadline; ) {
            Thread.sleep(100);
            after = inventory(null).getSeatAvailability(read);
        }

        assertThat(before.getCatalogVersion()).isEqualTo(2);
        assertThat(after.getCatalogVersion()).as("the change reached the inventory").isEqualTo(3);
        assertThat(after.getVersion()).as("no seat changed state, so the seat version stays").isEqualTo(before.getVersion());
        assertThat(after.getSeatsList()).as("the map shows the tier's new price on every seat")
                .allSatisfy(seat -> assertThat(seat.getPrice().getAmountMinor()).isEqualTo(3000));
        assertThat(inventory(customer).getHold(GetHoldRequest.newBuilder().setHoldId(holdId).build()).getHold().getSubtotal().getAmountMinor())
                .as("a hold keeps the price its customer was shown").isEqualTo(2500);

        inventory(customer).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setHoldId(holdId).build());
        inventory(customer).releaseSeats(ReleaseSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setBookingId(booking)
                .build());
        Hold again = inventory(customer()).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).addSeatIds(held).addSeatIds(sold).build()).getHold();
        assertThat(again.getSubtotal().getAmountMinor()).as("seats freed after the change are sold at the new price").isEqualTo(2 * 3000);
        assertThat(inventory(null).getSeatAvailability(read).getVersion()).as("freeing and holding are seat changes")
                .isGreaterThan(after.getVersion());
    }

    /** Every seat's state in map order, from either view. */
    private static List<SeatState> states(GetSeatAvailabilityResponse map) {
        if (map.getSeatsCount() > 0) {
            return map.getSeatsList().stream().map(SeatAvailability::getState).toList();
        }
        List<SeatState> states = new ArrayList<>();
        for (byte state : map.getSeatStates().toByteArray()) {
            states.add(SeatState.forNumber(state));
        }
        return states;
    }
}
