package io.ticketmesh.booking;

import static io.ticketmesh.booking.persistence.jooq.Tables.BOOKING_MOVE_NOTICES;
import static io.ticketmesh.booking.persistence.jooq.Tables.SHOWTIME_MOVES;
import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingRescheduled;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.UpdateShowtimeRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A showtime its organizer moves to another time: each kept booking made before the move is told once
 * (BookingRescheduled, for workers to mail), and its customer may cancel for a refund until the new start though the
 * organizer's refunds for customers had ended; bookings failed, cancelled or made after the move are not told.
 */
class ShowtimeMovesTest extends BookingTestBase {
    @Autowired
    DSLContext bookingDatabase;

    @Test
    void theBookingsMadeBeforeAMoveAreToldOnceAndMayBeRefundedUntilTheNewStart() throws Exception {
        String showtime = showtime(1, 6);
        String kept = customer();
        Booking keptBooking = booked(kept, showtime, 2);
        String gone = customer();
        Booking cancelled = booked(gone, showtime, 1);
        bookings(gone).cancelBooking(cancel(cancelled));
        String declined = customer();
        Booking failed = bookings(declined).createBooking(create(hold(declined, showtime, 1), DECLINED)).getBooking();
        assertThat(failed.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_FAILED);
        String challenged = customer();
        Booking waiting = bookings(challenged).createBooking(create(hold(challenged, showtime, 1), CHALLENGED)).getBooking();
        assertThat(waiting.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_REQUIRES_ACTION);

        var events = events();
        Showtime current = events.getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtime).build()).getShowtime();
        var later = Timestamps.add(current.getStartsAt(), Durations.fromHours(48));
        Showtime moved = events.updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtime(current.toBuilder().setStartsAt(later).setCustomerRefundsEnd(Timestamps.fromMillis(System.currentTimeMillis() - 1000)))
                .setUpdateMask(FieldMask.newBuilder().addPaths("starts_at").addPaths("customer_refunds_end")).build()).getShowtime();

        List<ReceivedEvent> announced = KafkaTestEvents.read("ticketmesh.bookings", keptBooking.getBookingId(), 3);
        assertThat(announced.get(2).is(BookingRescheduled.getDescriptor())).as(announced.get(2).type()).isTrue();
        BookingRescheduled told = announced.get(2).payload(BookingRescheduled.parser());
        assertThat(told.getStartsAt()).isEqualTo(later);
        assertThat(told.getEndsAt()).isEqualTo(moved.getEndsAt());
        assertThat(told.getShowtimeVersion()).isEqualTo(moved.getVersion());
        assertThat(told.getBooking().getVersion()).as("one version further").isGreaterThan(keptBooking.getVersion());
        assertThat(told.getBooking().getReference()).isEqualTo(keptBooking.getReference());
        HttpResponse<String> completed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(waiting.getNextActionUrl()
                + "/complete")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(awaitBooking(challenged, waiting.getBookingId(), BookingFixtures::settled).getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(KafkaTestEvents.read("ticketmesh.bookings", waiting.getBookingId(), 3).stream().filter(e -> e.is(BookingRescheduled.getDescriptor())))
                .as("a booking still being made at the move, told once it is kept").hasSize(1);
        awaitAllTold(showtime);
        assertThat(bookingDatabase.select(BOOKING_MOVE_NOTICES.BOOKING_ID).from(BOOKING_MOVE_NOTICES)
                .where(BOOKING_MOVE_NOTICES.BOOKING_ID.in(UUID.fromString(keptBooking.getBookingId()), UUID.fromString(cancelled.getBookingId()),
                        UUID.fromString(failed.getBookingId()))).fetch(BOOKING_MOVE_NOTICES.BOOKING_ID))
                .as("told once, the cancelled and the failed not at all").containsExactly(UUID.fromString(keptBooking.getBookingId()));

        String after = customer();
        Booking madeAfter = booked(after, showtime, 1);
        assertThat(failure(() -> bookings(after).cancelBooking(cancel(madeAfter))).reason())
                .as("bought for the new time, under the policy").isEqualTo(ErrorReason.ERROR_REASON_BOOKING_NOT_CANCELLABLE);
        var refunded = bookings(kept).cancelBooking(cancel(keptBooking));
        assertThat(refunded.getBooking().getStatus()).as("bought for the old time: refunded though the policy ended")
                .isEqualTo(BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(refunded.getRefunded()).isEqualTo(keptBooking.getTotals().getTotal());
    }

    private static CancelBookingRequest cancel(Booking booking) {
        return CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setBookingId(booking.getBookingId()).build();
    }

    private void awaitAllTold(String showtime) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!bookingDatabase.fetchExists(SHOWTIME_MOVES, SHOWTIME_MOVES.SHOWTIME_ID.eq(UUID.fromString(showtime)).and(SHOWTIME_MOVES.TOLD))) {
            assertThat(System.currentTimeMillis()).as("the move of " + showtime + " told").isLessThan(deadline);
            sleep(100);
        }
    }
}
