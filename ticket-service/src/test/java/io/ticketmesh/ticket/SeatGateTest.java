package io.ticketmesh.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.ticket.hold.SeatGate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Redis seat gate on its own, against the real Redis: claims of many holds given up together. */
class SeatGateTest extends TicketServiceTestBase {
    private static final Duration TTL = Duration.ofMinutes(1);

    @Autowired
    SeatGate gate;

    @Test
    void claimsOfHoldsOnSeveralShowtimesAreGivenUpTogetherButOnlyByTheHoldsThatOwnThem() {
        PublishedShowtime one = publish(1, 4, 10);
        PublishedShowtime two = publish(1, 4, 10);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        assertThat(gate.claim(id(one), first, seats(one, 0, 2), TTL)).isEmpty();
        assertThat(gate.claim(id(two), second, seats(two, 0, 2), TTL)).isEmpty();
        assertThat(gate.claim(id(two), third, seats(two, 2, 3), TTL)).isEmpty();

        gate.releaseAll(List.of(new SeatGate.Claims(id(one), first, seats(one, 0, 2)),
                new SeatGate.Claims(id(two), second, seats(two, 0, 2)),
                // a hold giving up a seat it does not claim leaves the claim of the hold that does
                new SeatGate.Claims(id(two), second, seats(two, 2, 3))));

        assertThat(Arrays.asList(gateClaim(one, one.seatIds().get(0)), gateClaim(one, one.seatIds().get(1)),
                gateClaim(two, two.seatIds().get(0)), gateClaim(two, two.seatIds().get(1)))).containsOnlyNulls();
        assertThat(gateClaim(two, two.seatIds().get(2))).isEqualTo(third.toString());
    }

    private static UUID id(PublishedShowtime showtime) {
        return UUID.fromString(showtime.id());
    }

    private static List<UUID> seats(PublishedShowtime showtime, int from, int to) {
        return showtime.seatIds().subList(from, to).stream().map(UUID::fromString).toList();
    }
}
