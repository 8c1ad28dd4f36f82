package io.ticketmesh.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ticketmesh.booking.booking.PaymentEventsListener;
import io.ticketmesh.platform.outbox.CloudEventHeaders;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.SagaStep;
import io.ticketmesh.proto.booking.v1.StepOutcome;
import io.ticketmesh.proto.payment.v1.Payment;
import io.ticketmesh.proto.payment.v1.PaymentAuthorized;
import io.ticketmesh.proto.ticket.v1.SeatState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A 3-D Secure challenge that outlives the seats' hold. Completed late, the booking takes the same seats back when
 * they are all still free, or fails with nothing charged when someone else has them; never completed, the booking
 * is abandoned at its payment deadline. Time passing is simulated by moving the hold's expiry (ticket database) or
 * the booking's payment deadline (booking database) into the past; the services' own sweeps do the rest.
 */
class LatePaymentTest extends BookingTestBase {
    @Autowired
    DSLContext bookingDatabase;
    @Autowired
    PaymentEventsListener paymentEvents;

    @Test
    void challengeCompletedAfterTheHoldLapsedTakesTheSameSeatsBack() throws Exception {
        String showtime = showtime(1, 4);
        String grace = customer();
        Booking waiting = bookings(grace).createBooking(create(hold(grace, showtime, 2), CHALLENGED)).getBooking();
        assertThat(waiting.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_REQUIRES_ACTION);
        List<String> seatIds = seatIdsOf(waiting);
        lapseHoldOf(waiting, showtime, seatIds);

        completeChallenge(waiting);

        Booking confirmed = awaitBooking(grace, waiting.getBookingId(), BookingFixtures::settled);
        assertThat(confirmed.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(step(confirmed, "confirm_hold").getDetail()).isEqualTo("seats re-acquired after hold expiry");
        assertThat(confirmed.getTicketsList()).hasSize(2);
        assertThat(providerCharges(confirmed.getBookingId())).isEqualTo(1);
        assertThat(statesOf(showtime, seatIds)).containsExactly(SeatState.SEAT_STATE_SOLD);
    }

    @Test
    void challengeCompletedAfterAnotherCustomerTookTheSeatFailsWithNothingCharged() throws Exception {
        String showtime = showtime(1, 1);
        String henry = customer();
        Booking waiting = bookings(henry).createBooking(create(hold(henry, showtime, 1), CHALLENGED)).getBooking();
        List<String> seatIds = seatIdsOf(waiting);
        lapseHoldOf(waiting, showtime, seatIds);
        String iris = customer();
        hold(iris, showtime, 1);

        completeChallenge(waiting);

        Booking failed = awaitBooking(henry, waiting.getBookingId(), BookingFixtures::settled);
        assertThat(failed.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_FAILED);
        assertThat(failed.getFailureCode()).isEqualTo("HOLD_EXPIRED");
        assertThat(step(failed, "confirm_hold").getDetail()).contains("seats were taken since");
        assertThat(step(failed, "authorize_payment").getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_COMPENSATED);
        assertThat(providerKept(failed.getBookingId())).isZero();
        assertThat(failed.getTicketsList()).isEmpty();
        assertThat(statesOf(showtime, seatIds)).as("the seat stays in the other customer's hold").containsExactly(SeatState.SEAT_STATE_HELD);
    }

    @Test
    void challengeNeverCompletedIsAbandonedAtThePaymentDeadline() throws Exception {
        String showtime = showtime(1, 2);
        String jack = customer();
        Booking waiting = bookings(jack).createBooking(create(hold(jack, showtime, 2), CHALLENGED)).getBooking();
        assertThat(waiting.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_REQUIRES_ACTION);

        bookingDatabase.execute("update bookings set payment_deadline = now() - interval '1 second' where id = ?",
                UUID.fromString(waiting.getBookingId()));

        Booking failed = awaitBooking(jack, waiting.getBookingId(), BookingFixtures::settled);
        assertThat(failed.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_FAILED);
        assertThat(failed.getFailureCode()).isEqualTo("HOLD_EXPIRED");
        assertThat(failed.getFailureMessage()).contains("3-D Secure was not completed");
        assertThat(providerKept(failed.getBookingId())).isZero();
        assertThat(statesOf(showtime, seatIdsOf(waiting))).containsExactly(SeatState.SEAT_STATE_AVAILABLE);
    }

    @Test
    void anUnreadablePaymentEventDoesNotHoldBackTheWakeUpsOfItsPoll() {
        String showtime = showtime(1, 2);
        String kate = customer();
        Booking waiting = bookings(kate).createBooking(create(hold(kate, showtime, 1), CHALLENGED)).getBooking();
        assertThat(waiting.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_REQUIRES_ACTION);
        long version = settledWaiting(waiting);

        ConsumerRecord<String, byte[]> unreadable = new ConsumerRecord<>("ticketmesh.payments", 0, 0L, "nobody", new byte[] {1, 2, 3});
        ConsumerRecord<String, byte[]> authorized = new ConsumerRecord<>("ticketmesh.payments", 0, 1L, waiting.getBookingId(),
                PaymentAuthorized.newBuilder().setPayment(Payment.newBuilder().setBookingId(waiting.getBookingId())).build().toByteArray());
        authorized.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add(CloudEventHeaders.TYPE, PaymentAuthorized.getDescriptor().getFullName().getBytes(StandardCharsets.UTF_8));

        assertThatCode(() -> paymentEvents.on(List.of(unreadable, authorized))).doesNotThrowAnyException();
        assertThat(((Number) bookingDatabase.fetchValue("select version from bookings where id = ?", UUID.fromString(waiting.getBookingId())))
                .longValue()).as("the waiting saga was woken (it checks its payment and waits again)").isGreaterThan(version);
    }

    /** Waits until the booking rests WAITING for its challenge (its saga done writing); answers its version then. */
    private long settledWaiting(Booking booking) {
        UUID id = UUID.fromString(booking.getBookingId());
        long deadline = System.currentTimeMillis() + 10_000;
        Object before = null;
        while (true) {
            var row = bookingDatabase.fetchOne("select saga_state, version from bookings where id = ?", id);
            if (row.get(0).equals("WAITING") && row.get(1).equals(before)) {
                return ((Number) row.get(1)).longValue();
            }
            assertThat(System.currentTimeMillis()).as("the booking rests WAITING").isLessThan(deadline);
            before = row.get(1);
            sleep(300);
        }
    }

    private static List<String> seatIdsOf(Booking booking) {
        return booking.getItemsList().stream().map(item -> item.getSeatId()).toList();
    }

    private static SagaStep step(Booking booking, String name) {
        return booking.getTimelineList().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    /** Moves the hold's expiry into the past and waits until ticket-service's sweeper has freed its seats. */
    private static void lapseHoldOf(Booking booking, String showtime, List<String> seatIds) throws Exception {
        try (Connection ticket = DriverManager.getConnection(PARTICIPANTS.ticket.jdbcUrl(), TestInfrastructure.postgres().username(), "");
             PreparedStatement lapse = ticket.prepareStatement("update holds set expires_at = now() - interval '1 second' where id = ?")) {
            lapse.setObject(1, UUID.fromString(booking.getHoldId()));
            assertThat(lapse.executeUpdate()).isEqualTo(1);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (!statesOf(showtime, seatIds).equals(java.util.Set.of(SeatState.SEAT_STATE_AVAILABLE))) {
            assertThat(System.currentTimeMillis()).as("the sweeper frees the lapsed hold's seats").isLessThan(deadline);
            sleep(100);
        }
    }

    private static void completeChallenge(Booking waiting) throws Exception {
        HttpResponse<String> done = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(waiting.getNextActionUrl() + "/complete"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(200);
    }
}
