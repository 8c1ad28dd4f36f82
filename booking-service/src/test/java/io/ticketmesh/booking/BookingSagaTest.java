package io.ticketmesh.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.CancelBookingResponse;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import io.ticketmesh.proto.booking.v1.GetSalesReportRequest;
import io.ticketmesh.proto.booking.v1.ListBookingsRequest;
import io.ticketmesh.proto.booking.v1.ResendTicketsRequest;
import io.ticketmesh.proto.booking.v1.TicketsResent;
import io.ticketmesh.proto.booking.v1.SagaStep;
import io.ticketmesh.proto.booking.v1.StepOutcome;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.payment.v1.PaymentStatus;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.StandingPlaces;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import io.ticketmesh.proto.event.v1.CancelShowtimeRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The booking saga end to end over real gRPC against real participant processes. */
class BookingSagaTest extends BookingTestBase {

    @Test
    void approvedCardConfirmsTheBookingWithTicketsOnceWhateverTheRetries() throws Exception {
        String showtime = showtime(3, 10);
        String alice = customer();
        String hold = hold(alice, showtime, 2);
        CreateBookingRequest request = create(hold, APPROVED);

        Booking booking = bookings(alice).createBooking(request).getBooking();
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(booking.getReference()).matches("TM-[0-9A-Z]{4}-[0-9A-Z]{4}");
        // 2 x 45.00 + 2 x 1.50 fee, 10% tax on both
        assertThat(booking.getTotals().getSubtotal().getAmountMinor()).isEqualTo(9000);
        assertThat(booking.getTotals().getFees().getAmountMinor()).isEqualTo(300);
        assertThat(booking.getTotals().getTaxes().getAmountMinor()).isEqualTo(930);
        assertThat(booking.getTotals().getTotal().getAmountMinor()).isEqualTo(10230);
        assertThat(booking.getPayment().getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CAPTURED);
        assertThat(booking.getPayment().getCaptured().getAmountMinor()).isEqualTo(10230);
        assertThat(booking.getTicketsList()).hasSize(2).allSatisfy(t -> assertThat(t.getQrPayload()).startsWith("TM1."));
        assertThat(booking.getTimelineList()).extracting(SagaStep::getName)
                .containsExactly("price_booking", "authorize_payment", "confirm_hold", "capture_payment", "issue_tickets");
        assertThat(booking.getTimelineList()).allMatch(s -> s.getOutcome() == StepOutcome.STEP_OUTCOME_SUCCEEDED);
        List<String> seatIds = booking.getItemsList().stream().map(i -> i.getSeatId()).toList();
        assertThat(statesOf(showtime, seatIds)).containsExactly(SeatState.SEAT_STATE_SOLD);
        assertThat(bookings(alice).getBooking(GetBookingRequest.newBuilder().setBookingId(booking.getBookingId()).build()).getBooking())
                .as("the answer of the request that ran the saga is the booking as stored").isEqualTo(booking);

        Booking again = bookings(alice).createBooking(request).getBooking();
        assertThat(again.getBookingId()).isEqualTo(booking.getBookingId());
        assertThat(providerCharges(booking.getBookingId())).isEqualTo(1);
        RemoteError reused = GrpcTestCalls.failure(() -> bookings(alice).createBooking(request.toBuilder().setCard(DECLINED).build()));
        assertThat(reused.reason()).isEqualTo(ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED);

        assertThat(KafkaTestEvents.read("ticketmesh.bookings", booking.getBookingId(), 2)).extracting(e -> e.type())
                .containsExactly("ticketmesh.booking.v1.BookingCreated", "ticketmesh.booking.v1.BookingConfirmed");
        assertThat(bookings(alice).listBookings(ListBookingsRequest.getDefaultInstance()).getBookingsList())
                .extracting(Booking::getBookingId).containsExactly(booking.getBookingId());
        assertThat(GrpcTestCalls.failure(() -> bookings(customer()).getBooking(
                io.ticketmesh.proto.booking.v1.GetBookingRequest.newBuilder().setBookingId(booking.getBookingId()).build())).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_NOT_FOUND);
    }

    @Test
    void aCustomersBookingsArePagedNewestFirst() {
        String showtime = showtime(1, 10);
        String carol = customer();
        List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.addFirst(bookings(carol).createBooking(create(hold(carol, showtime, 1), DECLINED)).getBooking().getBookingId());
        }
        var first = bookings(carol).listBookings(ListBookingsRequest.newBuilder().setPageSize(2).build());
        assertThat(first.getBookingsList()).extracting(Booking::getBookingId).containsExactly(made.get(0), made.get(1));
        var second = bookings(carol).listBookings(ListBookingsRequest.newBuilder().setPageSize(2)
                .setPageToken(first.getNextPageToken()).build());
        assertThat(second.getBookingsList()).extracting(Booking::getBookingId).containsExactly(made.get(2));
        assertThat(second.getNextPageToken()).isEmpty();
        RemoteError forged = GrpcTestCalls.failure(() -> bookings(carol).listBookings(ListBookingsRequest.newBuilder()
                .setPageToken("not-a-token").build()));
        assertThat(forged.reason()).isEqualTo(ErrorReason.ERROR_REASON_VALIDATION_FAILED);
    }

    @Test
    void aConfirmedBookingsValidTicketsAreSentAgainOnceARequest() {
        String erin = customer();
        Booking booking = bookings(erin).createBooking(create(hold(erin, showtime(1, 6), 2), APPROVED)).getBooking();
        String voided = booking.getItems(0).getSeatId();
        bookings(erin).cancelBooking(CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.getBookingId()).addSeatIds(voided).build());
        ResendTicketsRequest resend = ResendTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.getBookingId()).build();
        assertThat(bookings(erin).resendTickets(resend).getTickets()).isEqualTo(1);
        assertThat(bookings(erin).resendTickets(resend).getTickets()).as("a retry answers as the first").isEqualTo(1);
        assertThat(bookings(OWNER).resendTickets(resend.toBuilder().setRequestId(UUID.randomUUID().toString()).build()).getTickets())
                .as("an OWNER of the organization, for a customer on the phone").isEqualTo(1);

        List<TicketsResent> resent = KafkaTestEvents.read("ticketmesh.bookings", booking.getBookingId(), 5).stream()
                .filter(e -> e.is(TicketsResent.getDescriptor())).map(e -> e.payload(TicketsResent.parser())).toList();
        assertThat(resent).as("one event a request, the retry none").hasSize(2);
        assertThat(resent.getFirst().getBooking().getTicketsList()).singleElement()
                .satisfies(ticket -> assertThat(ticket.getSeatId()).isNotEqualTo(voided));
        assertThat(resent.getFirst().getCustomerEmail()).isNotEmpty();
        // every booking event has its metadata as field 1, so any of them parses it
        assertThat(KafkaTestEvents.read("ticketmesh.bookings", booking.getBookingId(), 5)).extracting(e -> e.payload(
                io.ticketmesh.proto.booking.v1.BookingCreated.parser()).getMetadata().getAggregateVersion())
                .as("a booking's events carry strictly increasing versions, a resend's too").isSorted().doesNotHaveDuplicates();

        assertThat(GrpcTestCalls.failure(() -> bookings(customer()).resendTickets(resend.toBuilder()
                .setRequestId(UUID.randomUUID().toString()).build())).reason()).isEqualTo(ErrorReason.ERROR_REASON_NOT_FOUND);
        Booking failed = bookings(erin).createBooking(create(hold(erin, showtime(1, 2), 1), DECLINED)).getBooking();
        assertThat(GrpcTestCalls.failure(() -> bookings(erin).resendTickets(resend.toBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(failed.getBookingId()).build())).reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
    }

    @Test
    void aBookingIsFoundByItsReferenceByItsCustomerAndItsOrganizersOwnersOnly() {
        String dave = customer();
        Booking booking = bookings(dave).createBooking(create(hold(dave, showtime(1, 4), 1), DECLINED)).getBooking();
        ListBookingsRequest byReference = ListBookingsRequest.newBuilder().setReference(booking.getReference()).build();
        assertThat(bookings(dave).listBookings(byReference).getBookingsList()).extracting(Booking::getBookingId)
                .containsExactly(booking.getBookingId());
        assertThat(bookings(OWNER).listBookings(byReference).getBookingsList()).extracting(Booking::getBookingId)
                .as("customer service of the organization").containsExactly(booking.getBookingId());
        String staff = TOKENS.member(UUID.randomUUID().toString(), java.util.Map.of(ORGANIZATION, "STAFF"));
        for (String stranger : List.of(customer(), staff)) {
            assertThat(bookings(stranger).listBookings(byReference).getBookingsList()).isEmpty();
        }
        assertThat(bookings(dave).listBookings(ListBookingsRequest.newBuilder().setReference("TM-0000-0000").build())
                .getBookingsList()).isEmpty();
        assertThat(GrpcTestCalls.failure(() -> bookings(dave).listBookings(ListBookingsRequest.newBuilder()
                .setReference("tm-0000-0000").build())).reason()).isEqualTo(ErrorReason.ERROR_REASON_VALIDATION_FAILED);
    }

    @Test
    void declinedCardFailsTheBookingFreesTheSeatsAndChargesNothing() throws Exception {
        String showtime = showtime(2, 10);
        String bob = customer();
        Booking booking = bookings(bob).createBooking(create(hold(bob, showtime, 3), DECLINED)).getBooking();
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_FAILED);
        assertThat(booking.getFailureCode()).isEqualTo("PAYMENT_DECLINED");
        assertThat(booking.getTimelineList()).extracting(SagaStep::getName, SagaStep::getOutcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("price_booking", StepOutcome.STEP_OUTCOME_COMPENSATED),
                org.assertj.core.groups.Tuple.tuple("authorize_payment", StepOutcome.STEP_OUTCOME_FAILED));
        List<String> seatIds = booking.getItemsList().stream().map(i -> i.getSeatId()).toList();
        assertThat(statesOf(showtime, seatIds)).containsExactly(SeatState.SEAT_STATE_AVAILABLE);
        assertThat(booking.getPayment().getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_FAILED);
        assertThat(providerCharges(booking.getBookingId())).isZero();
        assertThat(KafkaTestEvents.read("ticketmesh.bookings", booking.getBookingId(), 2).getLast().type())
                .isEqualTo("ticketmesh.booking.v1.BookingFailed");
    }

    @Test
    void threeDSecureWaitsForTheChallengeThenConfirms() throws Exception {
        String showtime = showtime(2, 10);
        String carol = customer();
        Booking waiting = bookings(carol).createBooking(create(hold(carol, showtime, 1), CHALLENGED)).getBooking();
        assertThat(waiting.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_REQUIRES_ACTION);
        assertThat(waiting.getNextActionUrl()).contains("/simulated-provider/challenges/");

        HttpResponse<String> done = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(waiting.getNextActionUrl() + "/complete"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(200);

        Booking confirmed = awaitBooking(carol, waiting.getBookingId(), BookingFixtures::settled);
        assertThat(confirmed.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(confirmed.getTicketsList()).hasSize(1);
        assertThat(confirmed.getTimelineList().get(1).getAttempts()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void cancellingSomeSeatsThenTheRestRefundsExactlyWhatWasPaid() {
        String showtime = showtime(2, 10);
        String dave = customer();
        Booking booking = bookings(dave).createBooking(create(hold(dave, showtime, 3), APPROVED)).getBooking();
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        String first = booking.getItems(0).getSeatId();

        CancelBookingResponse partial = bookings(dave).cancelBooking(CancelBookingRequest.newBuilder().setRequestId("c1")
                .setBookingId(booking.getBookingId()).addSeatIds(first).build());
        // total 15345 = 13500 + 450 fees + 1395 tax; one of three equal seats: 4500 + 150 + 465
        assertThat(partial.getRefunded().getAmountMinor()).isEqualTo(5115);
        assertThat(partial.getBooking().getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_PARTIALLY_CANCELLED);
        assertThat(statesOf(showtime, List.of(first))).containsExactly(SeatState.SEAT_STATE_AVAILABLE);
        assertThat(partial.getBooking().getTicketsList()).filteredOn(t -> t.getSeatId().equals(first))
                .allMatch(t -> t.getStatus() == TicketStatus.TICKET_STATUS_VOIDED);
        // a retried cancellation refunds nothing more
        assertThat(bookings(dave).cancelBooking(CancelBookingRequest.newBuilder().setRequestId("c1")
                .setBookingId(booking.getBookingId()).addSeatIds(first).build()).getBooking().getTotals().getRefunded().getAmountMinor())
                .isEqualTo(5115);

        CancelBookingResponse rest = bookings(dave).cancelBooking(CancelBookingRequest.newBuilder().setRequestId("c2")
                .setBookingId(booking.getBookingId()).build());
        assertThat(rest.getRefunded().getAmountMinor()).isEqualTo(15345 - 5115);
        assertThat(rest.getBooking().getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(rest.getBooking().getPayment().getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_REFUNDED);
        RemoteError again = GrpcTestCalls.failure(() -> bookings(dave).cancelBooking(CancelBookingRequest.newBuilder().setRequestId("c3")
                .setBookingId(booking.getBookingId()).build()));
        assertThat(again.reason()).isEqualTo(ErrorReason.ERROR_REASON_BOOKING_NOT_CANCELLABLE);

        var report = bookings(OWNER).getSalesReport(GetSalesReportRequest.newBuilder().setShowtimeId(showtime).build()).getReport();
        assertThat(report.getSold()).isZero();
        assertThat(report.getAvailable()).isEqualTo(20);
        assertThat(report.getBookingsCancelled()).isEqualTo(1);
        assertThat(report.getRevenue().getAmountMinor()).isZero();
    }

    @Test
    void cancellingTheShowtimeRefundsKeptBookingsAndThoseStillInFlight() throws Exception {
        String showtime = showtime(2, 10);
        String gina = customer();
        String hank = customer();
        Booking kept = bookings(gina).createBooking(create(hold(gina, showtime, 2), APPROVED)).getBooking();
        assertThat(kept.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        Booking waiting = bookings(hank).createBooking(create(hold(hank, showtime, 1), CHALLENGED)).getBooking();
        assertThat(waiting.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_REQUIRES_ACTION);
        String otherShowtime = showtime(1, 10);
        Booking elsewhere = bookings(gina).createBooking(create(hold(gina, otherShowtime, 1), APPROVED)).getBooking();
        String iris = customer();
        String irisHold = hold(iris, showtime, 1);

        events().cancelShowtime(CancelShowtimeRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime).setReason("flooded stage").build());
        Booking refunded = awaitBooking(gina, kept.getBookingId(), b -> b.getStatus() == BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(refunded.getTotals().getRefunded()).isEqualTo(kept.getTotals().getTotal());
        assertThat(providerKept(kept.getBookingId())).isZero();

        // a hold made before the cancellation is booked after ticket-service heard of it: refused, nothing charged
        long deadline = System.currentTimeMillis() + 30_000;
        while (inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime).build()).getOnSale()) {
            assertThat(System.currentTimeMillis()).as("ticket-service hears of the cancellation").isLessThan(deadline);
            Thread.sleep(50);
        }
        Booking late = bookings(iris).createBooking(create(irisHold, APPROVED)).getBooking();
        assertThat(late.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_FAILED);
        assertThat(late.getFailureCode()).isEqualTo("SHOWTIME_NOT_ON_SALE");
        assertThat(providerKept(late.getBookingId())).isZero();

        // the customer finishes 3-D Secure after the showtime was cancelled: whatever the saga does, no money is kept
        HttpResponse<String> done = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(waiting.getNextActionUrl() + "/complete"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(200);
        Booking challenged = awaitBooking(hank, waiting.getBookingId(), b -> b.getStatus() == BookingStatus.BOOKING_STATUS_FAILED
                || b.getStatus() == BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(providerKept(challenged.getBookingId())).as(challenged.getTimelineList().toString()).isZero();
        assertThat(bookings(gina).getBooking(GetBookingRequest.newBuilder().setBookingId(elsewhere.getBookingId()).build()).getBooking()
                .getStatus()).as("a booking of a showtime still on sale").isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
    }

    @Test
    void standingPlacesAreBookedTicketedCountedAndCancelledLikeSeats() {
        String showtime = showtime(1, 4, 20);
        String lea = customer();
        String floor = inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime).build())
                .getStanding(0).getSectionId();
        String hold = inventory(lea).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime)
                .addStanding(StandingPlaces.newBuilder().setSectionId(floor).setQuantity(3)).build()).getHold().getHoldId();

        Booking booking = bookings(lea).createBooking(create(hold, APPROVED)).getBooking();
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(booking.getItemsList()).hasSize(3).allSatisfy(item -> {
            assertThat(item.getSection()).isEqualTo("Floor");
            assertThat(item.getRow() + item.getSeatLabel()).isEmpty();
            assertThat(item.getTier()).isEqualTo("B");
        });
        assertThat(booking.getTotals().getSubtotal().getAmountMinor()).isEqualTo(3 * 3000);
        assertThat(booking.getTicketsList()).hasSize(3).extracting(t -> t.getSeatId())
                .containsExactlyInAnyOrderElementsOf(booking.getItemsList().stream().map(i -> i.getSeatId()).toList());

        var report = bookings(OWNER).getSalesReport(GetSalesReportRequest.newBuilder().setShowtimeId(showtime).build()).getReport();
        assertThat(report.getSold()).isEqualTo(3);
        assertThat(report.getAvailable()).isEqualTo(4 + 17);

        bookings(lea).cancelBooking(CancelBookingRequest.newBuilder().setRequestId("one place").setBookingId(booking.getBookingId())
                .addSeatIds(booking.getItems(0).getSeatId()).build());
        var after = inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime).build()).getStanding(0);
        assertThat(after.getSold()).isEqualTo(2);
        assertThat(after.getAvailable()).isEqualTo(18);
    }

    @Test
    void theSalesReportCountsWhatPaidBookingsStillHoldAndTheirTakingsNetOfRefunds() {
        String showtime = showtime(2, 10);
        String ivy = customer();
        String jack = customer();
        String kim = customer();
        Booking kept = bookings(ivy).createBooking(create(hold(ivy, showtime, 2), APPROVED)).getBooking();
        Booking partly = bookings(jack).createBooking(create(hold(jack, showtime, 2), APPROVED)).getBooking();
        long refunded = bookings(jack).cancelBooking(CancelBookingRequest.newBuilder().setRequestId("p1")
                .setBookingId(partly.getBookingId()).addSeatIds(partly.getItems(0).getSeatId()).build()).getRefunded().getAmountMinor();
        Booking declined = bookings(kim).createBooking(create(hold(kim, showtime, 1), DECLINED)).getBooking();
        assertThat(declined.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_FAILED);

        var report = bookings(OWNER).getSalesReport(GetSalesReportRequest.newBuilder().setShowtimeId(showtime).build()).getReport();
        assertThat(report.getSold()).isEqualTo(3);
        assertThat(report.getAvailable()).isEqualTo(17);
        assertThat(report.getBookingsConfirmed()).isEqualTo(2);
        assertThat(report.getBookingsCancelled()).isZero();
        assertThat(report.getRevenue().getAmountMinor())
                .isEqualTo(kept.getTotals().getTotal().getAmountMinor() + partly.getTotals().getTotal().getAmountMinor() - refunded);
        assertThat(report.getTiersList()).singleElement().satisfies(tier -> {
            assertThat(tier.getTier()).isEqualTo("A");
            assertThat(tier.getSold()).isEqualTo(3);
            assertThat(tier.getRevenue().getAmountMinor()).isEqualTo(3 * 4500);
        });
    }
}
