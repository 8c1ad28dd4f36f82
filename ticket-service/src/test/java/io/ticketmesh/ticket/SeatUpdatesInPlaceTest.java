package io.ticketmesh.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Holding and releasing seats touch no indexed column, so PostgreSQL updates the seat rows in place (HOT updates):
 * the on-sale churn adds nothing to the primary key. Read from PostgreSQL's own table statistics, which the
 * service's connections report within seconds of going idle.
 */
class SeatUpdatesInPlaceTest extends TicketServiceTestBase {
    @Autowired
    DSLContext dsl;

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

    /** Updates and HOT updates of the seats table so far, as PostgreSQL's statistics have them now. */
    private long[] seatUpdates() {
        Record row = dsl.fetchOne("select n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = 'seats'");
        return new long[] {row.get(0, Long.class), row.get(1, Long.class)};
    }
}
