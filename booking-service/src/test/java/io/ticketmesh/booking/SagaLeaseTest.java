package io.ticketmesh.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.saga.SagaStore;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A saga's lease is renewed as a step starts only when less than a step's budget of it is left. */
class SagaLeaseTest extends BookingTestBase {
    @Autowired
    SagaStore store;
    @Autowired
    BookingRepository rows;

    @Test
    void aStepStartingWithEnoughLeaseLeftWritesNoRenewalAndOneStartingShortOfItRenewsIt() {
        String ivy = customer();
        Booking waiting = bookings(ivy).createBooking(create(hold(ivy, showtime(1, 4), 1), CHALLENGED)).getBooking();
        assertThat(waiting.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_REQUIRES_ACTION);
        UUID id = UUID.fromString(waiting.getBookingId());
        // as a runner resuming the saga does: claim it, read it, start its first unfinished step
        assertThat(store.claim(id)).isTrue();
        BookingsRecord booking = rows.find(id).orElseThrow();
        OffsetDateTime claimed = booking.getLeaseUntil();
        try {
            store.started(booking, 1, "authorize_payment");
            assertThat(rows.find(id).orElseThrow().getLeaseUntil()).as("30 s lease, 20 s budget: no renewal").isEqualTo(claimed);

            booking.setLeaseUntil(OffsetDateTime.now().plusSeconds(5));
            store.started(booking, 1, "authorize_payment");
            OffsetDateTime renewed = rows.find(id).orElseThrow().getLeaseUntil();
            assertThat(renewed).isAfter(claimed).isAfter(OffsetDateTime.now().plusSeconds(20));
            assertThat(booking.getLeaseUntil()).as("the runner knows the new lease").isCloseTo(renewed, within(1, ChronoUnit.MILLIS));
        } finally {
            store.release(id, null);
        }
    }
}
