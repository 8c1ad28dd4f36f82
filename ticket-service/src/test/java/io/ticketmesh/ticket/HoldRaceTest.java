package io.ticketmesh.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hundreds of customers race for the same seats through the real gRPC API; afterwards the database is checked:
 * no seat held twice, every hold all or nothing, counts that reconcile. Then again with Redis stopped mid-run.
 */
class HoldRaceTest extends TicketServiceTestBase {
    private static final int CUSTOMERS = 300;

    @Autowired
    DSLContext dsl;

    /** Every customer at once asks for 1 to 4 adjacent seats among the first {@code hot} seats of the showtime. */
    private static RaceOutcome race(PublishedShowtime showtime, int hot, Runnable midway) throws InterruptedException {
        return raceForHolds(CUSTOMERS, () -> {
            int size = 1 + ThreadLocalRandom.current().nextInt(4);
            int first = ThreadLocalRandom.current().nextInt(hot - size);
            return HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime.id())
                    .addAllSeatIds(showtime.seatIds().subList(first, first + size)).build();
        }, midway);
    }

    private void assertConsistent(PublishedShowtime showtime, RaceOutcome outcome) {
        UUID id = UUID.fromString(showtime.id());
        assertThat(outcome.unexpected()).isEmpty();
        assertThat(outcome.holds().size() + outcome.refused()).isEqualTo(CUSTOMERS);
        List<String> granted = new ArrayList<>();
        outcome.holds().forEach(h -> granted.addAll(h.getSeatIdsList()));
        assertThat(granted).as("no seat granted twice").doesNotHaveDuplicates();

        assertThat(dsl.fetchValue("select count(*) from (select seat from holds, unnest(seat_ids) seat "
                + "where showtime_id = ? and status = 'ACTIVE' group by seat having count(*) > 1) twice", id))
                .as("no seat in two active holds").isEqualTo(0L);
        assertThat(dsl.fetchValue("select count(*) from holds h, unnest(h.seat_ids) seat "
                + "where h.showtime_id = ? and h.status = 'ACTIVE' and not exists "
                + "(select 1 from seats s where s.showtime_id = h.showtime_id and s.seat_id = seat and s.hold_id = h.id and s.state = 'HELD')", id))
                .as("every active hold has all of its seats").isEqualTo(0L);
        assertThat(dsl.fetchValue("select count(*) from seats where showtime_id = ? and state = 'HELD'", id))
                .as("held seats are exactly the granted ones").isEqualTo((long) granted.size());
        assertThat(dsl.fetchValue("select count(*) from holds where showtime_id = ? and status = 'ACTIVE'", id))
                .isEqualTo((long) outcome.holds().size());
        var states = dsl.fetchOne("select count(*) filter (where state = 'AVAILABLE') as available, "
                + "count(*) filter (where state = 'HELD') as held, count(*) filter (where state = 'SOLD') as sold, "
                + "count(*) filter (where state = 'BLOCKED') as blocked from seats where showtime_id = ?", id);
        long reconciled = states.get("available", Long.class) + states.get("held", Long.class) + states.get("sold", Long.class)
                + states.get("blocked", Long.class);
        assertThat(reconciled).as("available + held + sold + blocked = seats")
                .isEqualTo(dsl.fetchValue("select total_seats::bigint from inventory_showtimes where id = ?", id));
    }

    @Test
    void hundredsOfCustomersRacingForTheSameSeatsNeverShareOne() throws InterruptedException {
        PublishedShowtime showtime = publish(10, 20, 10);
        RaceOutcome outcome = race(showtime, 40, () -> { });
        assertConsistent(showtime, outcome);
        assertThat(outcome.holds()).as("contention leaves winners").isNotEmpty();
        assertThat(outcome.refused()).as("and losers").isPositive();
    }

    @Test
    void withRedisStoppedMidRunHoldsGoOnThroughPostgresAlone() throws InterruptedException {
        PublishedShowtime showtime = publish(10, 20, 10);
        try {
            RaceOutcome outcome = race(showtime, 60, () -> TestInfrastructure.redis().stop());
            assertConsistent(showtime, outcome);
            assertThat(outcome.holds()).isNotEmpty();

            PublishedShowtime later = publish(10, 20, 10);
            RaceOutcome redisDown = race(later, 60, () -> { });
            assertConsistent(later, redisDown);
            assertThat(redisDown.holds()).as("holds work with Redis down").isNotEmpty();
        } finally {
            TestInfrastructure.redis().restart();
            awaitGateInUse(); // the test classes after this one count on the gate
        }

    }
}
