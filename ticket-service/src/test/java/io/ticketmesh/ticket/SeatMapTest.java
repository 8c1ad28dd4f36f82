package io.ticketmesh.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
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
    void visitorsLoadingOneMapAtOnceEachSeeTheHoldTheyMadeBeforeAsking() throws InterruptedException {
        int visitors = 30;
        PublishedShowtime showtime = publish(20, 50, ROUNDS);
        GetSeatAvailabilityRequest read = GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime.id()).build();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < visitors; i++) {
            List<String> seats = showtime.seatIds().subList(i * ROUNDS, (i + 1) * ROUNDS);
            String customer = customer();
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (String seat : seats) {
                        inventory(customer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                                .setShowtimeId(showtime.id()).addSeatIds(seat).build());
                        GetSeatAvailabilityResponse map = inventory(null).getSeatAvailability(read);
                        SeatState state = map.getSeatsList().stream().filter(s -> s.getSeatId().equals(seat)).findFirst()
                                .map(SeatAvailability::getState).orElse(null);
                        if (map.getSeatsCount() != 1000 || state != SeatState.SEAT_STATE_HELD) {
                            wrong.add(map.getSeatsCount() + " seats, the visitor's own seat " + state);
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
}
