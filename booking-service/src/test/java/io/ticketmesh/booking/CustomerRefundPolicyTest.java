package io.ticketmesh.booking;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.ticketmesh.booking.domain.Pricing;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.CancelBookingResponse;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.proto.booking.v1.QuoteCancellationRequest;
import io.ticketmesh.proto.booking.v1.QuoteCancellationResponse;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.CustomerRefundStep;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.ticket.v1.CheckInRequest;
import io.ticketmesh.proto.ticket.v1.TicketServiceGrpc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a customer may cancel themselves for a refund: not after the organizer's refunds for customers ended (the
 * showtime's customer_refunds_end, its start by default), close to the show for the share of the refund its
 * customer_refund_steps give, under the policy they booked under or a kinder one since, and not a seat whose ticket
 * was used at the door. The organizer may cancel either, in full.
 */
class CustomerRefundPolicyTest extends BookingTestBase {

    private static CancelBookingRequest.Builder cancel(Booking booking) {
        return CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setBookingId(booking.getBookingId());
    }

    private static BookingStatus statusOf(String customer, Booking booking) {
        return bookings(customer).getBooking(GetBookingRequest.newBuilder().setBookingId(booking.getBookingId()).build()).getBooking().getStatus();
    }

    @Autowired
    DSLContext bookingDatabase;

    @Test
    void afterTheOrganizersRefundsForCustomersEndedOnlyTheOrganizerCancels() throws Exception {
        String showtime = showtime(1, 4);
        awaitRecorded(endCustomerRefunds(showtime));
        String customer = customer();
        Booking booking = booked(customer, showtime, 2);

        RemoteError refused = failure(() -> bookings(customer).cancelBooking(cancel(booking).build()));
        assertThat(refused.reason()).isEqualTo(ErrorReason.ERROR_REASON_BOOKING_NOT_CANCELLABLE);
        assertThat(refused.message()).contains("only the organizer");
        assertThat(refused.metadata()).containsKey("customer_refunds_end");
        assertThat(statusOf(customer, booking)).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(providerKept(booking.getBookingId())).as("nothing refunded").isEqualTo(booking.getTotals().getTotal().getAmountMinor());

        var byOrganizer = bookings(OWNER).cancelBooking(cancel(booking).build());
        assertThat(byOrganizer.getBooking().getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(byOrganizer.getRefunded()).isEqualTo(booking.getTotals().getTotal());
    }

    @Test
    void closeToTheShowTheCustomerGetsTheShareOfTheRefundThePolicyGivesAndTheOrganizerRefundsTheRestOfTheSeats() throws Exception {
        String showtime = showtime(1, 6);
        awaitRecorded(setRefundSteps(showtime, step(Duration.ofMinutes(1), 0), step(Duration.ofDays(366), 40)));
        String customer = customer();
        Booking booking = booked(customer, showtime, 3);
        long total = booking.getTotals().getTotal().getAmountMinor();

        QuoteCancellationRequest firstSeat = QuoteCancellationRequest.newBuilder().setBookingId(booking.getBookingId())
                .addSeatIds(booking.getTickets(0).getSeatId()).build();
        QuoteCancellationResponse quoted = bookings(customer).quoteCancellation(firstSeat);
        Showtime terms = events().getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtime).build()).getShowtime();
        assertThat(quoted.getUntil()).as("until the next step, a minute before the show")
                .isEqualTo(Timestamps.subtract(terms.getStartsAt(), Durations.fromMinutes(1)));
        assertThat(bookings(OWNER).quoteCancellation(firstSeat).getRefundPercent()).as("the organizer's, in full").isEqualTo(100);
        assertThat(bookings(OWNER).quoteCancellation(firstSeat).hasUntil()).isFalse();
        assertThat(failure(() -> bookings(customer).quoteCancellation(firstSeat.toBuilder().addSeatIds(UUID.randomUUID().toString())
                .build())).violations()).extracting(v -> v.field()).containsExactly("seat_ids");
        CancelBookingResponse part = bookings(customer).cancelBooking(cancel(booking).addSeatIds(booking.getTickets(0).getSeatId()).build());
        assertThat(List.of(part.getRefunded(), part.getWithheld(), part.getRefundPercent()))
                .as("as quoted").containsExactly(quoted.getRefund(), quoted.getWithheld(), quoted.getRefundPercent());
        var totals = booking.getTotals();
        long owed = Pricing.refund(new Pricing.Totals(totals.getSubtotal().getAmountMinor(), 0, totals.getFees().getAmountMinor(),
                totals.getTaxes().getAmountMinor()), totals.getSubtotal().getAmountMinor() / 3, false, 0);
        assertThat(part.getRefundPercent()).as("the step reached, not the one an hour's minute before the show").isEqualTo(40);
        assertThat(part.getRefunded().getAmountMinor() + part.getWithheld().getAmountMinor()).as("a third of what was paid").isEqualTo(owed);
        assertThat(part.getRefunded().getAmountMinor()).isEqualTo(owed * 40 / 100);
        assertThat(part.getBooking().getTotals().getWithheld()).isEqualTo(part.getWithheld());
        assertThat(providerKept(booking.getBookingId())).isEqualTo(total - part.getRefunded().getAmountMinor());

        CancelBookingResponse rest = bookings(OWNER).cancelBooking(cancel(booking).build());
        assertThat(rest.getRefundPercent()).as("the organizer is not held to it").isEqualTo(100);
        assertThat(rest.getWithheld().getAmountMinor()).isZero();
        assertThat(rest.getRefunded().getAmountMinor()).as("the other seats in full, not what was withheld")
                .isEqualTo(total - owed);
        assertThat(providerKept(booking.getBookingId())).as("the provider keeps what was withheld").isEqualTo(part.getWithheld().getAmountMinor());
        assertThat(rest.getBooking().getTotals().getWithheld()).isEqualTo(part.getWithheld());

        awaitRecorded(setRefundSteps(showtime, step(Duration.ofMinutes(1), 0)));
        String another = customer();
        Booking early = booked(another, showtime, 2);
        CancelBookingResponse beforeAnyStep = bookings(another).cancelBooking(cancel(early).build());
        assertThat(beforeAnyStep.getRefundPercent()).isEqualTo(100);
        assertThat(beforeAnyStep.getRefunded()).isEqualTo(early.getTotals().getTotal());
    }

    @Test
    void anOrganizerLoosensThePolicyForEveryoneButTightensItOnlyForBookingsMadeAfterwards() throws Exception {
        String showtime = showtime(1, 8);
        String before = customer();
        Booking madeBefore = booked(before, showtime, 3);
        awaitRecorded(setRefundSteps(showtime, step(Duration.ofDays(366), 40)));
        String after = customer();
        Booking madeAfter = booked(after, showtime, 3);

        assertThat(bookings(before).cancelBooking(seat(madeBefore, 0)).getRefundPercent()).as("booked when all of it came back")
                .isEqualTo(100);
        assertThat(bookings(after).cancelBooking(seat(madeAfter, 0)).getRefundPercent()).as("booked under the steps").isEqualTo(40);

        setRefundSteps(showtime);
        assertThat(bookings(after).cancelBooking(seat(madeAfter, 1)).getRefundPercent()).as("the policy loosened: for everyone")
                .isEqualTo(100);

        awaitRecorded(endCustomerRefunds(showtime));
        assertThat(bookings(before).cancelBooking(seat(madeBefore, 1)).getRefundPercent()).as("refunds ended after they booked")
                .isEqualTo(100);
        String last = customer();
        Booking madeLast = booked(last, showtime, 1);
        assertThat(failure(() -> bookings(last).cancelBooking(cancel(madeLast).build())).reason()).as("booked after refunds ended")
                .isEqualTo(ErrorReason.ERROR_REASON_BOOKING_NOT_CANCELLABLE);
    }

    private static CancelBookingRequest seat(Booking booking, int ticket) {
        return cancel(booking).addSeatIds(booking.getTickets(ticket).getSeatId()).build();
    }

    /** Waits until booking-service has recorded the showtime's refund policy as of this version (10 s at most). */
    private void awaitRecorded(Showtime changed) throws InterruptedException {
        Condition recorded = DSL.field("showtime_id", UUID.class).eq(UUID.fromString(changed.getShowtimeId()))
                .and(DSL.field("version", Long.class).eq(changed.getVersion()));
        for (long deadline = System.currentTimeMillis() + 10_000; !bookingDatabase.fetchExists(DSL.table("refund_policies"), recorded); ) {
            assertThat(System.currentTimeMillis()).as("refund policy of version " + changed.getVersion() + " recorded").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static CustomerRefundStep step(Duration beforeStart, int percent) {
        return CustomerRefundStep.newBuilder().setBeforeStart(Durations.fromSeconds(beforeStart.toSeconds())).setPercent(percent).build();
    }

    @Test
    void aSeatWhoseTicketWasUsedAtTheDoorIsNotTheCustomersToCancel() throws Exception {
        String customer = customer();
        Booking booking = booked(customer, showtime(1, 4), 2);
        String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
        GrpcTestCalls.as(TicketServiceGrpc.newBlockingStub(PARTICIPANTS.ticket.channel()), staff).checkIn(CheckInRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setQrPayload(booking.getTickets(0).getQrPayload()).setGate("Main").build());
        String used = booking.getTickets(0).getSeatId();
        String unused = booking.getTickets(1).getSeatId();

        CancelBookingRequest whole = cancel(booking).build();
        RemoteError refused = failure(() -> bookings(customer).cancelBooking(whole));
        assertThat(refused.reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(refused.message()).contains(used).contains("used at the door");
        assertThat(failure(() -> bookings(customer).cancelBooking(whole)).message()).as("its retry answers the same").contains("used at the door");
        assertThat(statusOf(customer, booking)).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);

        assertThat(bookings(customer).cancelBooking(cancel(booking).addSeatIds(unused).build()).getBooking().getStatus())
                .as("the seat not used").isEqualTo(BookingStatus.BOOKING_STATUS_PARTIALLY_CANCELLED);
        assertThat(bookings(OWNER).cancelBooking(cancel(booking).addSeatIds(used).build()).getBooking().getStatus())
                .as("the organizer's goodwill refund").isEqualTo(BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(providerKept(booking.getBookingId())).isZero();
    }
}
