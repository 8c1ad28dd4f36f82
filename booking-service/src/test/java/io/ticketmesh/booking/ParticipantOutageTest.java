package io.ticketmesh.booking;

import static io.ticketmesh.booking.persistence.jooq.Tables.CANCELLATIONS;
import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.QuoteCancellationRequest;
import io.ticketmesh.proto.booking.v1.SagaStep;
import io.ticketmesh.proto.ticket.v1.SeatState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A participant process dies in the middle of a saga and comes back: the booking waits PENDING, retries the step
 * with back-off, and confirms with exactly one charge, without anybody asking again. Kafka going away stops no
 * booking; the outbox publishes what piled up once it is back. A customer's cancellation asked while ticket-service is
 * down is recorded, at that moment's terms, and finished once it is back.
 */
class ParticipantOutageTest extends BookingTestBase {
    @Autowired
    DSLContext bookingDatabase;

    @Test
    void paymentServiceDownAtAuthorizationThenBackConfirmsWithOneCharge() throws Exception {
        String showtime = showtime(2, 10);
        String erin = customer();
        String hold = hold(erin, showtime, 2);
        PARTICIPANTS.payment.kill();
        Booking pending;
        try {
            pending = bookings(erin).createBooking(create(hold, APPROVED)).getBooking();
            assertThat(pending.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_PENDING);
            SagaStep authorize = pending.getTimeline(1);
            assertThat(authorize.getName()).isEqualTo("authorize_payment");
            assertThat(authorize.getDetail()).contains("will retry");
        } finally {
            PARTICIPANTS.payment.start();
            PARTICIPANTS.payment.awaitReady();
        }

        Booking confirmed = awaitBooking(erin, pending.getBookingId(), BookingFixtures::settled);
        assertThat(confirmed.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(confirmed.getTimeline(1).getAttempts()).isGreaterThan(1);
        assertThat(confirmed.getTicketsList()).hasSize(2);
        assertThat(providerCharges(confirmed.getBookingId())).isEqualTo(1);
        List<String> seatIds = confirmed.getItemsList().stream().map(i -> i.getSeatId()).toList();
        assertThat(statesOf(showtime, seatIds)).containsExactly(SeatState.SEAT_STATE_SOLD);
    }

    @Test
    void ticketServiceDownWhenTheChallengeCompletesThenBackConfirms() throws Exception {
        String showtime = showtime(2, 10);
        String frank = customer();
        Booking waiting = bookings(frank).createBooking(create(hold(frank, showtime, 1), CHALLENGED)).getBooking();
        assertThat(waiting.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_REQUIRES_ACTION);
        PARTICIPANTS.ticket.kill();
        try {
            HttpResponse<String> done = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(waiting.getNextActionUrl() + "/complete"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(done.statusCode()).isEqualTo(200);
            Booking stuck = awaitBooking(frank, waiting.getBookingId(), b -> b.getTimelineCount() > 2 && b.getTimeline(2).getAttempts() > 1);
            assertThat(stuck.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_PENDING);
            assertThat(stuck.getTimeline(2).getName()).isEqualTo("confirm_hold");
        } finally {
            PARTICIPANTS.ticket.start();
            PARTICIPANTS.ticket.awaitReady();
        }

        Booking confirmed = awaitBooking(frank, waiting.getBookingId(), BookingFixtures::settled);
        assertThat(confirmed.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(confirmed.getTicketsList()).hasSize(1);
        assertThat(providerCharges(confirmed.getBookingId())).isEqualTo(1);
    }

    @Test
    void ticketServiceDownWhenACustomerCancelsTheCancellationIsRecordedThenFinishedOnceItIsBack() throws Exception {
        String showtime = showtime(1, 4);
        String grace = customer();
        Booking booking = booked(grace, showtime, 2);
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        CancelBookingRequest cancel = CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.getBookingId()).build();
        PARTICIPANTS.ticket.kill();
        try {
            assertThat(bookings(grace).quoteCancellation(QuoteCancellationRequest.newBuilder().setBookingId(booking.getBookingId()).build())
                    .getRefundPercent()).as("the quote, unchecked while ticket-service cannot say").isEqualTo(100);
            RemoteError unfinished = failure(() -> bookings(grace).cancelBooking(cancel));
            assertThat(unfinished.code()).as("not finished: its tickets cannot be voided yet").isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(bookingDatabase.fetchCount(CANCELLATIONS, CANCELLATIONS.BOOKING_ID.eq(UUID.fromString(booking.getBookingId()))))
                    .as("recorded at the terms of the moment it was asked").isEqualTo(1);
        } finally {
            PARTICIPANTS.ticket.start();
            PARTICIPANTS.ticket.awaitReady();
        }

        awaitBooking(grace, booking.getBookingId(), b -> b.getStatus() == BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(bookings(grace).cancelBooking(cancel).getRefunded().getAmountMinor()).as("its retry answers it finished")
                .isEqualTo(booking.getTotals().getTotal().getAmountMinor());
        assertThat(statesOf(showtime, booking.getItemsList().stream().map(i -> i.getSeatId()).toList()))
                .containsExactly(SeatState.SEAT_STATE_AVAILABLE);
    }

    @Test
    void kafkaAwayWhileBookingsConfirmThenEachConfirmationArrivesOnce() {
        String showtime = showtime(2, 10);
        List<String> confirmed = new java.util.ArrayList<>();
        TestInfrastructure.kafka().stopBroker();
        try {
            for (int i = 0; i < 2; i++) {
                String customer = customer();
                Booking created = bookings(customer).createBooking(create(hold(customer, showtime, 2), APPROVED)).getBooking();
                Booking booking = awaitBooking(customer, created.getBookingId(), BookingFixtures::settled);
                assertThat(booking.getStatus()).as("timeline " + booking.getTimelineList()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
                confirmed.add(booking.getBookingId());
            }
            sleep(3_000);
        } finally {
            TestInfrastructure.kafka().restartBroker();
        }
        for (String bookingId : confirmed) {
            List<ReceivedEvent> events = KafkaTestEvents.read("ticketmesh.bookings", bookingId, 2, Duration.ofSeconds(90));
            assertThat(events.stream().filter(e -> e.is(BookingConfirmed.getDescriptor())).map(ReceivedEvent::id).distinct())
                    .as("BookingConfirmed event ids of " + bookingId).hasSize(1);
        }
    }
}
