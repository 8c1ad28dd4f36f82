package io.ticketmesh.ticket.hold;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.ticket.hold.BestAvailable.Seat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The best-available picker on small, hand-drawn rows. */
class BestAvailableTest {
    private static final UUID SECTION = UUID.randomUUID();
    private final Map<UUID, String> names = new HashMap<>();

    /** Available seats of one row: {@code "..xx.W C"}: '.' free, 'x' taken, 'W' wheelchair, 'C' companion, ' ' aisle-free gap. */
    private List<Seat> row(int rowIndex, String drawing) {
        List<Seat> seats = new ArrayList<>();
        for (int position = 0; position < drawing.length(); position++) {
            char c = drawing.charAt(position);
            if (c == 'x' || c == ' ') {
                continue;
            }
            Set<String> features = c == 'W' ? Set.of("WHEELCHAIR") : c == 'C' ? Set.of("COMPANION") : Set.of();
            UUID id = UUID.randomUUID();
            names.put(id, rowIndex + ":" + position);
            seats.add(new Seat(id, SECTION, rowIndex, position, rowIndex * 10 + Math.abs(position - drawing.length() / 2.0), features));
        }
        return seats;
    }

    private List<List<String>> picks(List<Seat> seats, int quantity, boolean together, Set<String> features) {
        return BestAvailable.candidates(seats, quantity, together, features, 10).stream()
                .map(pick -> pick.stream().map(names::get).toList()).toList();
    }

    @Test
    void aBlockNeverLeavesASingleSeatStranded() {
        List<Seat> seats = new ArrayList<>(row(0, "...xx"));
        seats.addAll(row(1, "....x"));
        assertThat(picks(seats, 2, true, Set.of())).as("row 0 would strand a seat either way")
                .containsExactlyInAnyOrder(List.of("1:0", "1:1"), List.of("1:2", "1:3"));
    }

    @Test
    void blocksNearestTheStageComeFirst() {
        List<Seat> seats = new ArrayList<>(row(2, "......"));
        seats.addAll(row(0, "......"));
        assertThat(picks(seats, 2, true, Set.of()).getFirst()).containsExactly("0:2", "0:3");
        assertThat(picks(seats, 6, true, Set.of())).containsExactly(
                List.of("0:0", "0:1", "0:2", "0:3", "0:4", "0:5"), List.of("2:0", "2:1", "2:2", "2:3", "2:4", "2:5"));
    }

    @Test
    void aWheelchairSpaceComesWithTheCompanionSeatBesideIt() {
        List<Seat> seats = new ArrayList<>(row(0, "W....."));
        seats.addAll(row(1, "..CW.."));
        assertThat(picks(seats, 2, true, Set.of("WHEELCHAIR"))).containsExactly(List.of("1:2", "1:3"));
        assertThat(picks(row(3, "W.x..."), 2, true, Set.of("WHEELCHAIR"))).as("no companion seat, no pick").isEmpty();
    }

    @Test
    void seatsApartAreTheNearestOnes() {
        List<Seat> seats = new ArrayList<>(row(0, ".x.x."));
        seats.addAll(row(1, "....."));
        assertThat(picks(seats, 3, false, Set.of()).getFirst()).containsExactlyInAnyOrder("0:2", "0:0", "0:4");
    }
}
