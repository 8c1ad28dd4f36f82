package io.ticketmesh.ticket;

import static io.ticketmesh.ticket.persistence.jooq.Tables.HOLDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.ticket.persistence.HoldRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** How holds change seat rows: in place, and each seat found by its whole key (showtime and seat). */
class SeatRowUpdatesTest extends TicketServiceTestBase {
    @Autowired
    DSLContext dsl;
    @Autowired
    HoldRepository holds;

    /**
     * Holding and releasing seats touch no indexed column, so PostgreSQL updates the seat rows in place (HOT updates):
     * the on-sale churn adds nothing to the primary key. Read from PostgreSQL's own table statistics, which the
     * service's connections report within seconds of going idle.
     */
    @Test
    void holdingAndReleasingSeatsUpdatesTheirRowsInPlace() throws InterruptedException {
        PublishedShowtime showtime = publish(2, 10, 10);
        long[] before = seatUpdates();
        String holder = customer();
        for (int i = 0; i < 3; i++) {
            Hold hold = inventory(holder).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                    .setShowtimeId(showtime.id()).addAllSeatIds(showtime.seatIds().subList(2 * i, 2 * i + 2)).build()).getHold();
            inventory(holder).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                    .setHoldId(hold.getHoldId()).build());
        }

        long[] after = seatUpdates();
        for (long deadline = System.nanoTime() + 30_000_000_000L; after[0] - before[0] < 12 && System.nanoTime() < deadline; ) {
            Thread.sleep(500);
            after = seatUpdates();
        }
        long updates = after[0] - before[0];
        long inPlace = after[1] - before[1];
        assertThat(updates).as("three holds of two seats, each held and freed").isGreaterThanOrEqualTo(12);
        // a page that runs out of room before PostgreSQL prunes it takes a row version elsewhere; with an index on the
        // hold, none would be in place
        assertThat(inPlace).as("seat rows updated in place, of " + updates).isGreaterThanOrEqualTo(updates * 3 / 4);
    }

    @Test
    void holdsOfTheSameSeatIdsOnTwoShowtimesOfOneHallAreFreedTogetherEachWithItsOwnSeats() {
        PublishedShowtime friday = publish(1, 10, 4);
        PublishedShowtime saturday = publishInSameHall(friday, 4);
        List<String> seats = friday.seatIds().subList(0, 2);
        String customer = customer();
        List<HoldsRecord> held = Stream.of(friday, saturday).map(showtime -> inventory(customer).holdSeats(HoldSeatsRequest.newBuilder()
                        .setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime.id()).addAllSeatIds(seats).build()).getHold())
                .map(hold -> dsl.selectFrom(HOLDS).where(HOLDS.ID.eq(UUID.fromString(hold.getHoldId()))).fetchSingle()).toList();

        Map<UUID, List<SeatsRecord>> freed = holds.freeAll(held);

        for (HoldsRecord hold : held) {
            assertThat(freed.get(hold.getId())).as("the seats hold %s freed", hold.getId()).hasSize(2)
                    .allMatch(seat -> seat.getShowtimeId().equals(hold.getShowtimeId()) && seat.getState().equals("AVAILABLE")
                            && seat.getHoldId() == null)
                    .extracting(seat -> seat.getSeatId().toString()).containsExactlyInAnyOrderElementsOf(seats);
        }
        assertThat(holds.freeAll(held)).as("seats no longer held by these holds are left alone").isEmpty();
        holds.endAll(held.stream().map(HoldsRecord::getId).toList(), "RELEASED", OffsetDateTime.now());
    }

    /** Updates and HOT updates of the seats table so far, as PostgreSQL's statistics have them now. */
    private long[] seatUpdates() {
        Record row = dsl.fetchOne("select n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = 'seats'");
        return new long[] {row.get(0, Long.class), row.get(1, Long.class)};
    }
}
