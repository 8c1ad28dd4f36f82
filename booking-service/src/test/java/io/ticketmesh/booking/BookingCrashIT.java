package io.ticketmesh.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.StatusRuntimeException;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.platform.testing.ServiceProcesses;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.booking.v1.BookingServiceGrpc;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import io.ticketmesh.proto.payment.v1.Card;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.reconciliation.Reconciliation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * booking-service itself as a process, killed between saga steps: its fault hook ({@code ticketmesh.bookings.halt-after})
 * halts the JVM right after a step's outcome is written, as a crash there would. Each restart resumes the saga
 * left behind, the customer's retry of the same request finds the same booking, and afterwards the books of all
 * three services reconcile and every confirmed booking's event reached Kafka exactly once as an inbox sees it.
 */
class BookingCrashIT extends BookingFixtures {
    private static final ServiceProcesses.Service BOOKING = PROCESSES.booking;

    /** One crash at each step, latest first, so a restarted process never passes the next crash point while it resumes the last booking. */
    @Test
    void aCrashAfterAnyStepIsResumedAndEverythingReconciles() throws Exception {
        String showtime = showtime(4, 10);
        List<String> confirmed = new ArrayList<>();
        Crash previous = null;
        for (String step : List.of("issue_tickets", "capture_payment", "confirm_hold", "authorize_payment")) {
            restartHaltingAfter(step);
            if (previous != null) {
                confirmed.add(previous.resumed(BookingStatus.BOOKING_STATUS_CONFIRMED).getBookingId());
            }
            previous = Crash.at(showtime, APPROVED);
        }
        restartHaltingAfter("compensate_price_booking");
        confirmed.add(previous.resumed(BookingStatus.BOOKING_STATUS_CONFIRMED).getBookingId());
        Crash declined = Crash.at(showtime, DECLINED);
        restartHaltingAfter("");
        Booking failed = declined.resumed(BookingStatus.BOOKING_STATUS_FAILED);
        assertThat(failed.getFailureCode()).isEqualTo("PAYMENT_DECLINED");
        assertThat(statesOf(showtime, failed.getItemsList().stream().map(i -> i.getSeatId()).toList()))
                .containsExactly(SeatState.SEAT_STATE_AVAILABLE);

        for (String bookingId : confirmed) {
            assertThat(providerCharges(bookingId)).as("captured charges of " + bookingId).isEqualTo(1);
            List<UUID> confirmations = KafkaTestEvents.read("ticketmesh.bookings", bookingId, 2).stream()
                    .filter(e -> e.is(BookingConfirmed.getDescriptor())).map(ReceivedEvent::id).distinct().toList();
            assertThat(confirmations).as("BookingConfirmed event ids of " + bookingId).hasSize(1);
        }
        try (Connection booking = connect(BOOKING.jdbcUrl()); Connection payment = connect(PARTICIPANTS.payment.jdbcUrl());
             Connection ticket = connect(PARTICIPANTS.ticket.jdbcUrl())) {
            Reconciliation.Findings books = Reconciliation.check(booking, payment, ticket, UUID.fromString(showtime));
            assertThat(books.problems()).isEmpty();
            assertThat(books.confirmed()).isEqualTo(4);
            assertThat(books.failed()).isEqualTo(1);
            assertThat(books.unsettled()).isZero();
        }
    }

    /** A booking whose request died with the process; the customer retries it once the service is back. */
    private record Crash(String customer, CreateBookingRequest request) {
        static Crash at(String showtime, Card card) throws InterruptedException {
            String customer = BookingFixtures.customer();
            CreateBookingRequest request = create(hold(customer, showtime, 2), card);
            assertThatThrownBy(() -> bookings(customer).createBooking(request)).isInstanceOf(StatusRuntimeException.class);
            BOOKING.awaitExit();
            return new Crash(customer, request);
        }

        Booking resumed(BookingStatus expected) {
            Booking booking = bookings(customer).createBooking(request).getBooking();
            Booking settled = awaitBooking(bookings(customer), booking.getBookingId(), BookingFixtures::settled);
            assertThat(settled.getStatus()).as(settled.getTimelineList().toString()).isEqualTo(expected);
            return settled;
        }
    }

    private static void restartHaltingAfter(String step) throws Exception {
        BOOKING.kill();
        BOOKING.start("-Dticketmesh.bookings.halt-after=" + step, "-Dticketmesh.bookings.lease=2s",
                "-Dticketmesh.bookings.recovery-interval=200ms", "-Dticketmesh.bookings.retry-at-most=1s");
        BOOKING.awaitReady();
    }

    private static BookingServiceGrpc.BookingServiceBlockingStub bookings(String token) {
        return GrpcTestCalls.as(BookingServiceGrpc.newBlockingStub(BOOKING.channel()), token);
    }

    private static Connection connect(String jdbcUrl) throws Exception {
        return DriverManager.getConnection(jdbcUrl, TestInfrastructure.postgres().username(), "");
    }
}
