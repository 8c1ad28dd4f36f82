package io.ticketmesh.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Timestamps;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.BoxOfficePayment;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import io.ticketmesh.proto.booking.v1.CreatePromoCodeRequest;
import io.ticketmesh.proto.booking.v1.GetSalesReportRequest;
import io.ticketmesh.proto.booking.v1.ListPromoCodesRequest;
import io.ticketmesh.proto.booking.v1.PromoCode;
import io.ticketmesh.proto.booking.v1.PromoCodeServiceGrpc;
import io.ticketmesh.proto.booking.v1.QuoteBookingRequest;
import io.ticketmesh.proto.booking.v1.QuoteBookingResponse;
import io.ticketmesh.proto.booking.v1.UpdatePromoCodeRequest;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.ticket.v1.HoldStatus;
import io.ticketmesh.proto.ticket.v1.GetHoldRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Promotion codes: made by OWNERs, quoted and booked with by customers, counted against their limits under races. */
class PromoCodeTest extends BookingTestBase {

    @Test
    void aCodeTakesItsShareOffEachTicketAsQuotedAndCancellationsRefundWhatWasPaid() {
        String showtime = showtime(2, 10);
        PromoCode code = create(PromoCode.newBuilder().setCode("Spring-" + suffix()).setPercentOff(20).addTiers("A")
                .setEventId(eventOf(showtime)).setMaxRedemptionsPerCustomer(1));
        assertThat(code.getCode()).as("kept in upper case").isEqualTo(code.getCode().toUpperCase());
        String alice = customer();
        String hold = hold(alice, showtime, 2);

        QuoteBookingResponse quote = codes(alice).quoteBooking(QuoteBookingRequest.newBuilder().setHoldId(hold)
                .setPromoCode(code.getCode().toLowerCase()).build());
        // 2 x 45.00 less 20%, 2 x 1.50 fee, 10% tax on what is left and the fees
        assertThat(quote.getTotals().getSubtotal().getAmountMinor()).isEqualTo(9000);
        assertThat(quote.getTotals().getDiscount().getAmountMinor()).isEqualTo(1800);
        assertThat(quote.getTotals().getTaxes().getAmountMinor()).isEqualTo(750);
        assertThat(quote.getTotals().getTotal().getAmountMinor()).isEqualTo(8250);
        assertThat(quote.getItemsList()).extracting(item -> item.getDiscount().getAmountMinor()).containsExactly(900L, 900L);
        assertThat(quote.getPromoCode()).isEqualTo(code.getCode());
        assertThat(codes(alice).quoteBooking(QuoteBookingRequest.newBuilder().setHoldId(hold).build()).getTotals().getTotal()
                .getAmountMinor()).as("without the code").isEqualTo(10230);

        CreateBookingRequest request = create(hold, APPROVED).toBuilder().setPromoCode(" " + code.getCode().toLowerCase() + " ").build();
        Booking booking = bookings(alice).createBooking(request).getBooking();
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(booking.getPromoCode()).isEqualTo(code.getCode());
        assertThat(booking.getTotals().toBuilder().clearRefunded().build()).isEqualTo(quote.getTotals().toBuilder().clearRefunded().build());
        assertThat(booking.getPayment().getCaptured().getAmountMinor()).isEqualTo(8250);
        assertThat(booking.getItemsList()).extracting(item -> item.getDiscount().getAmountMinor()).containsExactly(900L, 900L);
        assertThat(bookings(alice).createBooking(request).getBooking().getBookingId()).as("a retry").isEqualTo(booking.getBookingId());
        assertThat(uses(code)).isEqualTo(1);
        assertThat(bookings(OWNER).getSalesReport(GetSalesReportRequest.newBuilder().setShowtimeId(showtime).build()).getReport()
                .getTiersList()).singleElement().satisfies(tier -> {
                    assertThat(tier.getRevenue().getAmountMinor()).isEqualTo(7200);
                    assertThat(tier.getDiscount().getAmountMinor()).isEqualTo(1800);
                    assertThat(tier.getFree()).isZero();
                });

        String again = hold(alice, showtime, 1);
        assertThat(refusal(() -> bookings(alice).createBooking(create(again, APPROVED).toBuilder().setPromoCode(code.getCode()).build())))
                .as("one booking a customer").contains("as many of your bookings");

        String first = booking.getItems(0).getSeatId();
        long partly = cancel(alice, booking, List.of(first));
        // the seat's 36.00 paid, and its half of the fees (3.00) and taxes (7.50)
        assertThat(partly).isEqualTo(3600 + 150 + 375);
        assertThat(cancel(alice, booking, List.of())).as("the rest of what was paid").isEqualTo(8250 - partly);
        assertThat(uses(code)).as("a booking wholly cancelled gives its use back").isZero();
        assertThat(bookings(alice).createBooking(create(again, APPROVED).toBuilder().setPromoCode(code.getCode()).build()).getBooking()
                .getTotals().getDiscount().getAmountMinor()).isEqualTo(900);
    }

    @Test
    void aWhollyDiscountedBookingIsFreeMadeWithoutACardConfirmedWithoutAPaymentAndCancelledWithoutARefund() throws Exception {
        String showtime = showtime(2, 10);
        PromoCode comp = create(PromoCode.newBuilder().setCode("COMP-" + suffix()).setPercentOff(100));
        String alice = customer();
        String hold = hold(alice, showtime, 2);
        QuoteBookingResponse quote = quote(alice, hold, comp);
        assertThat(quote.getTotals().getDiscount().getAmountMinor()).isEqualTo(9000);
        assertThat(quote.getTotals().getFees().getAmountMinor()).as("no fee on a free seat").isZero();
        assertThat(quote.getTotals().getTotal().getAmountMinor()).isZero();

        RemoteError unpaid = GrpcTestCalls.failure(() -> bookings(alice).createBooking(CreateBookingRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setHoldId(hold).build()));
        assertThat(unpaid.violations()).singleElement().satisfies(violation -> assertThat(violation.field()).isEqualTo("card"));
        assertThat(inventory(alice).getHold(GetHoldRequest.newBuilder().setHoldId(hold).build()).getHold().getStatus())
                .as("nothing written for a booking that costs something without a card").isEqualTo(HoldStatus.HOLD_STATUS_ACTIVE);

        CreateBookingRequest request = CreateBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setHoldId(hold)
                .setPromoCode(comp.getCode()).build();
        Booking booking = bookings(alice).createBooking(request).getBooking();
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(booking.getTicketsList()).hasSize(2);
        assertThat(booking.getTotals().getTotal().getAmountMinor()).isZero();
        assertThat(booking.hasPayment()).as("no payment made").isFalse();
        assertThat(booking.getTimelineList()).filteredOn(step -> step.getName().endsWith("_payment"))
                .extracting(io.ticketmesh.proto.booking.v1.SagaStep::getDetail).containsOnly("nothing to pay: the booking is free");
        assertThat(providerCharges(booking.getBookingId())).as("the card network never asked").isZero();
        assertThat(bookings(alice).createBooking(request).getBooking().getBookingId()).as("a retry").isEqualTo(booking.getBookingId());

        var report = bookings(OWNER).getSalesReport(GetSalesReportRequest.newBuilder().setShowtimeId(showtime).build()).getReport();
        assertThat(report.getTiersList()).singleElement().satisfies(tier -> {
            assertThat(tier.getSold()).isEqualTo(2);
            assertThat(tier.getFree()).as("complimentary tickets counted").isEqualTo(2);
            assertThat(tier.getRevenue().getAmountMinor()).isZero();
            assertThat(tier.getDiscount().getAmountMinor()).isEqualTo(9000);
        });
        assertThat(report.getDiscount().getAmountMinor()).isEqualTo(9000);
        assertThat(report.getRevenue().getAmountMinor()).isZero();

        assertThat(cancel(alice, booking, List.of(booking.getItems(0).getSeatId()))).isZero();
        assertThat(cancel(alice, booking, List.of())).isZero();
        Booking cancelled = bookings(alice).getBooking(io.ticketmesh.proto.booking.v1.GetBookingRequest.newBuilder()
                .setBookingId(booking.getBookingId()).build()).getBooking();
        assertThat(cancelled.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(statesOf(showtime, booking.getItemsList().stream().map(item -> item.getSeatId()).toList()))
                .as("the seats are for sale again").containsOnly(io.ticketmesh.proto.ticket.v1.SeatState.SEAT_STATE_AVAILABLE);
    }

    @Test
    void anAmountOffIsNeverMoreThanATicketAndOnlyForItsTiersEventAndCurrency() {
        String showtime = showtime(2, 10);
        String alice = customer();
        String hold = hold(alice, showtime, 2);
        PromoCode big = create(PromoCode.newBuilder().setCode("BIG-" + suffix()).setAmountOff(eur(5000)));
        QuoteBookingResponse quote = codes(alice).quoteBooking(QuoteBookingRequest.newBuilder().setHoldId(hold).setPromoCode(big.getCode()).build());
        assertThat(quote.getItemsList()).extracting(item -> item.getDiscount().getAmountMinor()).containsExactly(4500L, 4500L);
        assertThat(quote.getTotals().getTotal().getAmountMinor()).as("no fee on a ticket that costs nothing").isZero();

        assertThat(refusal(() -> quote(alice, hold, create(PromoCode.newBuilder().setCode("BOX-" + suffix()).setPercentOff(10).addTiers("VIP")))))
                .contains("only for VIP tickets");
        assertThat(refusal(() -> quote(alice, hold, create(PromoCode.newBuilder().setCode("USD-" + suffix()).setAmountOff(
                Money.newBuilder().setAmountMinor(500).setCurrency("USD")))))).contains("this showtime sells in EUR");
        assertThat(refusal(() -> quote(alice, hold, create(PromoCode.newBuilder().setCode("EVT-" + suffix()).setPercentOff(10)
                .setEventId(eventOf(showtime(1, 2))))))).contains("not for this event");
        assertThat(refusal(() -> quote(alice, hold, create(PromoCode.newBuilder().setCode("SOON-" + suffix()).setPercentOff(10)
                .setStartsAt(Timestamps.fromMillis(System.currentTimeMillis() + Duration.ofDays(1).toMillis())))))).contains("cannot be used before");
        assertThat(refusal(() -> codes(alice).quoteBooking(QuoteBookingRequest.newBuilder().setHoldId(hold).setPromoCode("NO-SUCH-CODE").build())))
                .contains("not a code of this showtime's organizer");
        assertThat(refusal(() -> codes(alice).quoteBooking(QuoteBookingRequest.newBuilder().setHoldId(hold).setPromoCode("a b").build())))
                .contains("not a code of this showtime's organizer");

        PromoCode ending = create(PromoCode.newBuilder().setCode("END-" + suffix()).setPercentOff(10));
        update(ending.toBuilder().setDisabled(true), "disabled");
        assertThat(refusal(() -> quote(alice, hold, ending))).contains("is disabled");
        update(ending.toBuilder().setDisabled(false).setEndsAt(Timestamps.fromMillis(System.currentTimeMillis() - 1000)), "disabled", "ends_at");
        assertThat(refusal(() -> quote(alice, hold, ending))).contains("ended at");

        CreateBookingRequest refused = create(hold, APPROVED).toBuilder().setPromoCode(ending.getCode()).build();
        assertThat(refusal(() -> bookings(alice).createBooking(refused))).contains("ended at");
        assertThat(inventory(alice).getHold(GetHoldRequest.newBuilder().setHoldId(hold).build()).getHold().getStatus())
                .as("nothing written: the hold is still the customer's to book").isEqualTo(HoldStatus.HOLD_STATUS_ACTIVE);
        assertThat(bookings(alice).createBooking(refused.toBuilder().setRequestId(UUID.randomUUID().toString()).clearPromoCode().build())
                .getBooking().getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
    }

    @Test
    void aLimitedCodeDiscountsNoMoreBookingsThanItsLimitHoweverManyRaceAndAFailedOneGivesItsUseBack() throws Exception {
        String showtime = showtime(3, 10);
        PromoCode code = create(PromoCode.newBuilder().setCode("RUSH-" + suffix()).setPercentOff(50).setMaxRedemptions(3));
        List<String> customers = new ArrayList<>();
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            customers.add(customer());
            holds.add(hold(customers.get(i), showtime, 1));
        }
        List<Future<Booking>> attempts = new ArrayList<>();
        try (ExecutorService racers = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                int n = i;
                attempts.add(racers.submit(() -> bookings(customers.get(n)).createBooking(create(holds.get(n), APPROVED).toBuilder()
                        .setPromoCode(code.getCode()).build()).getBooking()));
            }
        }
        int confirmed = 0;
        int refused = 0;
        for (Future<Booking> attempt : attempts) {
            try {
                assertThat(attempt.get().getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
                confirmed++;
            } catch (java.util.concurrent.ExecutionException e) {
                RemoteError error = RemoteError.of((io.grpc.StatusRuntimeException) e.getCause());
                assertThat(error.reason()).isEqualTo(ErrorReason.ERROR_REASON_PROMO_CODE_INVALID);
                assertThat(error.violations()).extracting(FieldViolation::field).containsExactly("promo_code");
                refused++;
            }
        }
        assertThat(confirmed).isEqualTo(3);
        assertThat(refused).isEqualTo(7);
        assertThat(uses(code)).isEqualTo(3);

        update(code.toBuilder().setMaxRedemptions(4), "max_redemptions");
        String declined = customer();
        Booking failed = bookings(declined).createBooking(create(hold(declined, showtime, 1), DECLINED).toBuilder()
                .setPromoCode(code.getCode()).build()).getBooking();
        assertThat(failed.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_FAILED);
        assertThat(uses(code)).as("a failed booking gives its use back").isEqualTo(3);
        String last = customer();
        assertThat(bookings(last).createBooking(create(hold(last, showtime, 1), APPROVED).toBuilder().setPromoCode(code.getCode()).build())
                .getBooking().getTotals().getDiscount().getAmountMinor()).isEqualTo(2250);
        assertThat(uses(code)).isEqualTo(4);
    }

    @Test
    void aCodesLimitPerCustomerCountsNoBoxOfficeSaleAndItsOverallLimitCountsThemAll() {
        String showtime = showtime(1, 10);
        PromoCode code = create(PromoCode.newBuilder().setCode("Door-" + suffix()).setPercentOff(10).setEventId(eventOf(showtime))
                .setMaxRedemptionsPerCustomer(1).setMaxRedemptions(4));
        String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
        for (int sale = 0; sale < 2; sale++) {
            CreateBookingRequest atTheCounter = BoxOfficeTest.sale(hold(staff, showtime, 1, true), BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH,
                    "").toBuilder().setPromoCode(code.getCode()).build();
            assertThat(bookings(staff).createBooking(atTheCounter).getBooking().getTotals().getDiscount().getAmountMinor())
                    .as("two buyers at the counter, each with the code").isEqualTo(450);
        }
        Booking own = bookings(staff).createBooking(create(hold(staff, showtime, 1), APPROVED).toBuilder().setPromoCode(code.getCode())
                .build()).getBooking();
        assertThat(own.getPromoCode()).as("the seller's own first use").isEqualTo(code.getCode());
        assertThat(refusal(() -> bookings(staff).createBooking(create(hold(staff, showtime, 1), APPROVED).toBuilder()
                .setPromoCode(code.getCode()).build()))).contains("as many of your bookings");
        String other = customer();
        bookings(other).createBooking(create(hold(other, showtime, 1), APPROVED).toBuilder().setPromoCode(code.getCode()).build());
        assertThat(uses(code)).isEqualTo(4);
        assertThat(refusal(() -> bookings(staff).createBooking(BoxOfficeTest.sale(hold(staff, showtime, 1, true),
                BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, "").toBuilder().setPromoCode(code.getCode()).build())))
                .contains("used as often as it may be");
    }

    @Test
    void onlyAnOwnerMakesAndChangesCodesValidatedWholeIdempotentAndUniqueInAnyCase() {
        var owner = codes(OWNER);
        RemoteError invalid = GrpcTestCalls.failure(() -> owner.createPromoCode(request(PromoCode.newBuilder().setCode("x")
                .setPercentOff(0).setMaxRedemptions(-1).setStartsAt(Timestamps.fromMillis(System.currentTimeMillis() + 7_200_000))
                .setEndsAt(Timestamps.fromMillis(System.currentTimeMillis() + 3_600_000)))));
        assertThat(invalid.reason()).isEqualTo(ErrorReason.ERROR_REASON_VALIDATION_FAILED);
        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder("promo_code.code",
                "promo_code.percent_off", "promo_code.ends_at", "promo_code.max_redemptions");
        assertThat(GrpcTestCalls.failure(() -> owner.createPromoCode(request(PromoCode.newBuilder().setCode("NO-DISCOUNT"))))
                .violations()).extracting(FieldViolation::field).containsExactly("promo_code.percent_off");
        assertThat(GrpcTestCalls.failure(() -> owner.createPromoCode(request(PromoCode.newBuilder().setCode("CUR-" + suffix())
                .setAmountOff(Money.newBuilder().setAmountMinor(100).setCurrency("eur"))))).violations())
                .extracting(FieldViolation::field).containsExactly("promo_code.amount_off.currency");

        CreatePromoCodeRequest made = request(PromoCode.newBuilder().setCode("ONCE-" + suffix()).setPercentOff(5));
        PromoCode code = owner.createPromoCode(made).getPromoCode();
        assertThat(owner.createPromoCode(made).getPromoCode()).as("a retry").isEqualTo(code);
        assertThat(GrpcTestCalls.failure(() -> owner.createPromoCode(request(PromoCode.newBuilder().setCode(code.getCode().toLowerCase())
                .setPercentOff(7)))).reason()).isEqualTo(ErrorReason.ERROR_REASON_ALREADY_EXISTS);
        assertThat(owner.listPromoCodes(ListPromoCodesRequest.newBuilder().setOrganizationId(ORGANIZATION).setPageSize(100).build())
                .getPromoCodesList()).extracting(PromoCode::getPromoCodeId).contains(code.getPromoCodeId());

        String stranger = customer();
        String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
        for (String caller : List.of(stranger, staff)) {
            assertThat(GrpcTestCalls.failure(() -> codes(caller).createPromoCode(request(PromoCode.newBuilder().setCode("MINE-" + suffix())
                    .setPercentOff(5)))).reason()).isEqualTo(ErrorReason.ERROR_REASON_PERMISSION_DENIED);
            assertThat(GrpcTestCalls.failure(() -> codes(caller).listPromoCodes(ListPromoCodesRequest.newBuilder()
                    .setOrganizationId(ORGANIZATION).build())).reason()).isEqualTo(ErrorReason.ERROR_REASON_PERMISSION_DENIED);
            assertThat(GrpcTestCalls.failure(() -> codes(caller).updatePromoCode(UpdatePromoCodeRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString()).setPromoCode(code.toBuilder().setDisabled(true))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("disabled")).build())).reason()).isEqualTo(ErrorReason.ERROR_REASON_PERMISSION_DENIED);
        }
        RemoteError fixed = GrpcTestCalls.failure(() -> update(code.toBuilder().setPercentOff(90), "percent_off"));
        assertThat(fixed.violations()).extracting(FieldViolation::field).containsExactly("update_mask");
        assertThat(GrpcTestCalls.failure(() -> owner.createPromoCode(request(PromoCode.newBuilder().setCode("FOREIGN-" + suffix())
                .setPercentOff(5).setEventId(UUID.randomUUID().toString())))).violations()).extracting(FieldViolation::field)
                .containsExactly("promo_code.event_id");
        assertThat(GrpcTestCalls.failure(() -> owner.updatePromoCode(UpdatePromoCodeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPromoCode(PromoCode.newBuilder().setPromoCodeId(UUID.randomUUID().toString()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("disabled")).build())).reason()).isEqualTo(ErrorReason.ERROR_REASON_NOT_FOUND);
    }

    private static PromoCodeServiceGrpc.PromoCodeServiceBlockingStub codes(String token) {
        return GrpcTestCalls.as(PromoCodeServiceGrpc.newBlockingStub(CHANNEL), token);
    }

    private static CreatePromoCodeRequest request(PromoCode.Builder code) {
        return CreatePromoCodeRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setOrganizationId(ORGANIZATION)
                .setPromoCode(code).build();
    }

    private static PromoCode create(PromoCode.Builder code) {
        return codes(OWNER).createPromoCode(request(code)).getPromoCode();
    }

    private static PromoCode update(PromoCode.Builder code, String... paths) {
        return codes(OWNER).updatePromoCode(UpdatePromoCodeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPromoCode(code).setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths))).build()).getPromoCode();
    }

    private static QuoteBookingResponse quote(String customer, String hold, PromoCode code) {
        return codes(customer).quoteBooking(QuoteBookingRequest.newBuilder().setHoldId(hold).setPromoCode(code.getCode()).build());
    }

    /** The refusal's reason for the code, asserting it is PROMO_CODE_INVALID naming promo_code. */
    private static String refusal(Runnable call) {
        RemoteError error = GrpcTestCalls.failure(call);
        assertThat(error.reason()).as(error.message()).isEqualTo(ErrorReason.ERROR_REASON_PROMO_CODE_INVALID);
        assertThat(error.violations()).hasSize(1);
        assertThat(error.violations().getFirst().field()).isEqualTo("promo_code");
        return error.violations().getFirst().description();
    }

    private static int uses(PromoCode code) {
        return codes(OWNER).listPromoCodes(ListPromoCodesRequest.newBuilder().setOrganizationId(ORGANIZATION).setPageSize(100).build())
                .getPromoCodesList().stream().filter(c -> c.getPromoCodeId().equals(code.getPromoCodeId())).findFirst().orElseThrow()
                .getRedemptions();
    }

    private static long cancel(String customer, Booking booking, List<String> seatIds) {
        return bookings(customer).cancelBooking(CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.getBookingId()).addAllSeatIds(seatIds).build()).getRefunded().getAmountMinor();
    }

    private static String eventOf(String showtimeId) {
        return events()
                .getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId).build()).getShowtime().getEventId();
    }

    private static Money eur(long minor) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency("EUR").build();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
