package io.ticketmesh.platform.display;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.proto.ticket.v1.Ticket;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WordingTest {
    @Test
    void aPlaceIsItsSectionRowAndSeatOrStanding() {
        assertThat(Wording.place(Ticket.newBuilder().setSection("Stalls").setRow("B").setSeatLabel("4").build())).isEqualTo("Stalls, row B, seat 4");
        assertThat(Wording.place(Ticket.newBuilder().setSection("Floor").build())).isEqualTo("Floor, standing");
    }

    @Test
    void aTimeIsWrittenOnTheVenuesClocksOrInUtcForAZoneNoOneKnows() {
        Instant start = Instant.parse("2027-06-12T17:30:00Z");
        assertThat(Wording.when(start, "Europe/London")).isEqualTo("Saturday 12 June 2027 at 18:30 (Europe/London)");
        assertThat(Wording.when(start, "Mars/Olympus")).isEqualTo("Saturday 12 June 2027 at 17:30 (UTC)");
        assertThat(Wording.when(start, "")).isEqualTo("Saturday 12 June 2027 at 17:30 (UTC)");
        assertThat(Wording.clock(start, "Europe/Berlin")).isEqualTo("19:30 (Europe/Berlin)");
    }
}
