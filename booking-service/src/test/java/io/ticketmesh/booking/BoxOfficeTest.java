package io.ticketmesh.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.BoxOfficePayment;
import io.ticketmesh.proto.booking.v1.BoxOfficeSale;
import io.ticketmesh.proto.booking.v1.BoxOfficeTill;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import io.ticketmesh.proto.booking.v1.CancelBookingResponse;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.proto.booking.v1.GetBoxOfficeTillRequest;
import io.ticketmesh.proto.booking.v1.GetSalesReportRequest;
import io.ticketmesh.proto.booking.v1.HandBackRefundRequest;
import io.ticketmesh.proto.booking.v1.HandBackRefundResponse;
import io.ticketmesh.proto.booking.v1.ListBookingsRequest;
import io.ticketmesh.proto.booking.v1.ListBookingsResponse;
import io.ticketmesh.proto.booking.v1.SagaStep;
import io.ticketmesh.proto.booking.v1.SalesReport;
import io.ticketmesh.proto.booking.v1.TillLine;
import io.ticketmesh.proto.event.v1.CancelShowtimeRequest;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import io.ticketmesh.reconciliation.Reconciliation;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sales at the venue's box office: made by the organization's staff for a buyer paying at the counter, outside the provider. */
class BoxOfficeTest extends BookingTestBase {
    private final String staffId = UUID.randomUUID().toString();
    private final String staff = TOKENS.member(staffId, Map.of(ORGANIZATION, "STAFF"));
    @Autowired
    DataSource bookingDatabase;

    static CreateBookingRequest sale(String holdId, BoxOfficePayment payment, String email) {
        return CreateBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setHoldId(holdId)
                .setBoxOffice(BoxOfficeSale.newBuilder().setPayment(payment).setCustomerName("Walk-in Buyer").setCustomerEmail(email)).build();
    }

    @Test
    void theStaffSellAtTheCounterWithoutTheProviderAndTheBooksAgree() throws Exception {
        String showtime = showtime(2, 10);
        String held = hold(staff, showtime, 3, true);
        CreateBookingRequest request = sale(held, BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, "walk-in@example.test");
        Booking sold = bookings(staff).createBooking(request).getBooking();
        assertThat(sold.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(sold.getUserId()).as("sold by").isEqualTo(staffId);
        assertThat(sold.getBoxOffice()).isEqualTo(request.getBoxOffice());
        assertThat(sold.hasPayment()).isFalse();
        assertThat(sold.getTotals().getTotal().getAmountMinor()).isPositive();
        assertThat(sold.getTimelineList()).filteredOn(step -> step.getName().endsWith("_payment")).extracting(SagaStep::getDetail)
                .containsOnly("settled at the box office (cash), not through the provider");
        assertThat(sold.getTicketsList()).hasSize(3).allSatisfy(ticket -> assertThat(ticket.getHolderName()).isEqualTo("Walk-in Buyer"));
        assertThat(providerCharges(sold.getBookingId())).as("the card network never asked").isZero();
        assertThat(bookings(staff).createBooking(request).getBooking().getBookingId()).as("a retry").isEqualTo(sold.getBookingId());

        Booking online = booked(customer(), showtime, 1);
        long refunded = bookings(OWNER).cancelBooking(CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(sold.getBookingId()).addSeatIds(sold.getItems(0).getSeatId()).build()).getRefunded().getAmountMinor();
        assertThat(refunded).isPositive();
        Booking afterRefund = awaitBooking(staff, sold.getBookingId(), b -> b.getStatus() == BookingStatus.BOOKING_STATUS_PARTIALLY_CANCELLED);
        assertThat(afterRefund.getTicketsList()).filteredOn(ticket -> ticket.getStatus() == TicketStatus.TICKET_STATUS_VALID).hasSize(2);

        SalesReport report = bookings(OWNER).getSalesReport(GetSalesReportRequest.newBuilder().setShowtimeId(showtime).build()).getReport();
        long keptAtCounter = sold.getTotals().getTotal().getAmountMinor() - refunded;
        assertThat(report.getBoxOffice().getAmountMinor()).isEqualTo(keptAtCounter);
        assertThat(report.getBoxOfficeTakingsList()).singleElement().satisfies(till -> {
            assertThat(till.getPayment()).isEqualTo(BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH);
            assertThat(till.getBookings()).isEqualTo(1);
            assertThat(till.getAmount().getAmountMinor()).isEqualTo(keptAtCounter);
        });
        assertThat(report.getRevenue().getAmountMinor()).isEqualTo(keptAtCounter + online.getTotals().getTotal().getAmountMinor());

        Reconciliation.Findings books = books(bookingDatabase, showtime);
        assertThat(books.problems()).isEmpty();
        assertThat(books.confirmed()).isEqualTo(2);
    }

    @Test
    void onlyTheOrganizationsStaffSellThereAndNeverWithACard() {
        String showtime = showtime(1, 10);
        String customer = customer();
        String customersHold = hold(customer, showtime, 1);
        RemoteError outsider = GrpcTestCalls.failure(() -> bookings(customer).createBooking(
                sale(customersHold, BoxOfficePayment.BOX_OFFICE_PAYMENT_CARD_TERMINAL, "")));
        assertThat(outsider.code()).isEqualTo(Status.Code.PERMISSION_DENIED);

        String held = hold(staff, showtime, 2, true);
        RemoteError withCard = GrpcTestCalls.failure(() -> bookings(staff).createBooking(
                sale(held, BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, "").toBuilder().setCard(APPROVED).build()));
        assertThat(withCard.violations()).extracting(v -> v.field()).containsExactly("card");
        RemoteError unnamed = GrpcTestCalls.failure(() -> bookings(staff).createBooking(CreateBookingRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setHoldId(held)
                .setBoxOffice(BoxOfficeSale.newBuilder().setPayment(BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH)).build()));
        assertThat(unnamed.violations()).extracting(v -> v.field()).containsExactly("box_office.customer_name");

        Booking byTerminal = bookings(staff).createBooking(sale(held, BoxOfficePayment.BOX_OFFICE_PAYMENT_CARD_TERMINAL, "")).getBooking();
        assertThat(byTerminal.getStatus()).as("no address: nothing mailed, the codes shown at the counter")
                .isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        assertThat(byTerminal.getTimelineList()).filteredOn(step -> step.getName().equals("capture_payment")).extracting(SagaStep::getDetail)
                .containsExactly("settled at the box office (card terminal), not through the provider");

        String forTheCounter = hold(staff, showtime, 1, true);
        assertThat(GrpcTestCalls.failure(() -> bookings(staff).createBooking(create(forTheCounter, APPROVED))).violations())
                .as("a hold for the box office, past the customer limit and the online sales window, is not bought online")
                .extracting(v -> v.field()).containsExactly("box_office");
        String online = hold(staff, showtime, 1);
        assertThat(GrpcTestCalls.failure(() -> bookings(staff).createBooking(sale(online, BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, "")))
                .violations()).as("nor a hold made online sold at the counter").extracting(v -> v.field()).containsExactly("box_office");
    }

    @Test
    void aCounterSaleIsTheOrganizationsNotItsSellers() {
        String showtime = showtime(1, 10);
        endCustomerRefunds(showtime);
        Booking sold = bookings(staff).createBooking(sale(hold(staff, showtime, 2, true), BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, ""))
                .getBooking();
        Booking own = booked(staff, showtime, 1);
        assertThat(bookings(staff).listBookings(ListBookingsRequest.getDefaultInstance()).getBookingsList()).as("the seller's own bookings")
                .extracting(Booking::getBookingId).containsExactly(own.getBookingId());

        String colleague = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
        assertThat(bookings(colleague).listBookings(ListBookingsRequest.newBuilder().setReference(sold.getReference()).build())
                .getBookingsList()).as("found by its reference at any till").extracting(Booking::getBookingId).containsExactly(sold.getBookingId());
        assertThat(GrpcTestCalls.failure(() -> bookings(colleague).getBooking(GetBookingRequest.newBuilder().setBookingId(own.getBookingId())
                .build())).code()).as("a staff member's own booking stays theirs").isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcTestCalls.failure(() -> bookings(customer()).getBooking(GetBookingRequest.newBuilder()
                .setBookingId(sold.getBookingId()).build())).code()).isEqualTo(Status.Code.NOT_FOUND);

        ListBookingsRequest ofShowtime = ListBookingsRequest.newBuilder().setShowtimeId(showtime).build();
        assertThat(bookings(OWNER).listBookings(ofShowtime).getBookingsList()).as("the showtime's bookings for its OWNER, newest first")
                .extracting(Booking::getBookingId).containsExactly(own.getBookingId(), sold.getBookingId());
        ListBookingsResponse first = bookings(OWNER).listBookings(ofShowtime.toBuilder().setPageSize(1).build());
        assertThat(first.getBookingsList()).extracting(Booking::getBookingId).containsExactly(own.getBookingId());
        assertThat(bookings(OWNER).listBookings(ofShowtime.toBuilder().setPageSize(1).setPageToken(first.getNextPageToken()).build())
                .getBookingsList()).as("its second page").extracting(Booking::getBookingId).containsExactly(sold.getBookingId());
        assertThat(bookings(colleague).listBookings(ofShowtime).getBookingsList()).as("its box office sales for the staff")
                .extracting(Booking::getBookingId).containsExactly(sold.getBookingId());
        assertThat(GrpcTestCalls.failure(() -> bookings(customer()).listBookings(ofShowtime)).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(GrpcTestCalls.failure(() -> bookings(OWNER).listBookings(ofShowtime.toBuilder().setShowtimeId(UUID.randomUUID().toString())
                .build())).code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcTestCalls.failure(() -> bookings(staff).listBookings(ListBookingsRequest.newBuilder().setRefundOwed(true).build()))
                .violations()).extracting(v -> v.field()).containsExactly("refund_owed");

        assertThat(GrpcTestCalls.failure(() -> bookings(staff).cancelBooking(cancel(own))).reason())
                .as("the seller's own booking, made after refunds ended, is held to the customer refund policy").isEqualTo(ErrorReason.ERROR_REASON_BOOKING_NOT_CANCELLABLE);
        CancelBookingResponse refunded = bookings(colleague).cancelBooking(cancel(sold));
        assertThat(refunded.getBooking().getStatus()).as("the box office refunds at the counter, as the organizer")
                .isEqualTo(BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(refunded.getRefunded()).isEqualTo(sold.getTotals().getTotal());
    }

    @Test
    void aTillCashesUpWhatItsStaffMemberTookAndHandedBack() {
        String showtime = showtime(1, 10);
        Timestamp shiftStart = Timestamps.fromMillis(System.currentTimeMillis() - 1000);
        Booking cash = bookings(staff).createBooking(sale(hold(staff, showtime, 2, true), BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, ""))
                .getBooking();
        Booking card = bookings(staff).createBooking(sale(hold(staff, showtime, 1, true), BoxOfficePayment.BOX_OFFICE_PAYMENT_CARD_TERMINAL,
                "")).getBooking();
        String colleagueId = UUID.randomUUID().toString();
        String colleague = TOKENS.member(colleagueId, Map.of(ORGANIZATION, "STAFF"));
        long handedBack = bookings(colleague).cancelBooking(cancel(cash).toBuilder().addSeatIds(cash.getItems(0).getSeatId()).build())
                .getRefunded().getAmountMinor();
        Timestamp shiftEnd = Timestamps.fromMillis(System.currentTimeMillis() + 1000);

        long cashTaken = cash.getTotals().getTotal().getAmountMinor();
        long cardTaken = card.getTotals().getTotal().getAmountMinor();
        BoxOfficeTill mine = till(staff, "", shiftStart, shiftEnd);
        assertThat(mine.getStaffUserId()).isEqualTo(staffId);
        assertThat(mine.getLinesList()).extracting(TillLine::getPayment, TillLine::getSales, line -> line.getTaken().getAmountMinor(),
                TillLine::getRefunds, line -> line.getNet().getAmountMinor()).as("cash first; the refund is the colleague's, who handed it back")
                .containsExactly(tuple(BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, 1, cashTaken, 0, cashTaken),
                        tuple(BoxOfficePayment.BOX_OFFICE_PAYMENT_CARD_TERMINAL, 1, cardTaken, 0, cardTaken));
        assertThat(till(colleague, "", shiftStart, shiftEnd).getLinesList()).singleElement().satisfies(line -> {
            assertThat(line.getPayment()).isEqualTo(BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH);
            assertThat(line.getSales()).isZero();
            assertThat(line.getRefunds()).isEqualTo(1);
            assertThat(line.getHandedBack().getAmountMinor()).isPositive().isEqualTo(handedBack);
            assertThat(line.getNet().getAmountMinor()).isEqualTo(-handedBack);
        });
        assertThat(till(OWNER, staffId, shiftStart, shiftEnd)).as("an OWNER reads any till of the organization").isEqualTo(mine);
        assertThat(till(staff, "", shiftEnd, Timestamps.add(shiftEnd, Durations.fromHours(1))).getLinesList()).as("a later shift")
                .isEmpty();

        assertThat(GrpcTestCalls.failure(() -> till(colleague, staffId, shiftStart, shiftEnd)).code())
                .as("a colleague's till is for an OWNER").isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(GrpcTestCalls.failure(() -> till(customer(), "", shiftStart, shiftEnd)).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(GrpcTestCalls.failure(() -> till(staff, "", shiftEnd, shiftStart)).violations()).extracting(v -> v.field())
                .containsExactly("to");
        assertThat(GrpcTestCalls.failure(() -> till(staff, "", shiftStart, Timestamps.add(shiftStart, Durations.fromDays(32))))
                .violations()).extracting(v -> v.field()).containsExactly("to");
        assertThat(GrpcTestCalls.failure(() -> bookings(staff).getBoxOfficeTill(GetBoxOfficeTillRequest.newBuilder()
                .setOrganizationId(ORGANIZATION).setTo(shiftEnd).build())).violations()).extracting(v -> v.field()).containsExactly("from");
    }

    @Test
    void aCancelledShowtimesRefundWaitsAtTheCounterInNoTillUntilAStaffMemberHandsItBackOnce() {
        String showtime = showtime(1, 10);
        Booking sold = bookings(staff).createBooking(sale(hold(staff, showtime, 2, true), BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, ""))
                .getBooking();
        String customer = customer();
        Booking online = booked(customer, showtime, 1);
        Timestamp cancelledAt = Timestamps.fromMillis(System.currentTimeMillis() - 1000);
        events().cancelShowtime(CancelShowtimeRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime).setReason("the roof leaks").build());
        Booking refunded = awaitBooking(staff, sold.getBookingId(), b -> b.getStatus() == BookingStatus.BOOKING_STATUS_CANCELLED);
        assertThat(refunded.getBoxOffice().getRefundOwed()).as("owed to the buyer at the counter").isEqualTo(sold.getTotals().getTotal());
        awaitBooking(customer, online.getBookingId(), b -> b.getStatus() == BookingStatus.BOOKING_STATUS_CANCELLED);
        ListBookingsRequest owed = ListBookingsRequest.newBuilder().setShowtimeId(showtime).setRefundOwed(true).build();
        assertThat(bookings(staff).listBookings(owed).getBookingsList()).as("what the staff still owe, not the refund sent to a card")
                .singleElement().satisfies(b -> {
                    assertThat(b.getBookingId()).isEqualTo(sold.getBookingId());
                    assertThat(b.getBoxOffice().getRefundOwed()).isEqualTo(sold.getTotals().getTotal());
                });
        Timestamp later = Timestamps.fromMillis(System.currentTimeMillis() + 60_000);
        assertThat(till(staff, "", cancelledAt, later).getLinesList()).as("handed back by no one yet: in no till")
                .allMatch(line -> line.getRefunds() == 0);
        SalesReport owing = bookings(OWNER).getSalesReport(GetSalesReportRequest.newBuilder().setShowtimeId(showtime).build()).getReport();
        assertThat(owing.getBoxOfficeRefundsOwed()).as("still in the tills, owed to the buyers").isEqualTo(sold.getTotals().getTotal());
        assertThat(owing.getBoxOfficeTakingsList()).singleElement().satisfies(cash -> {
            assertThat(cash.getPayment()).isEqualTo(BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH);
            assertThat(cash.getRefundsOwed()).isEqualTo(sold.getTotals().getTotal());
            assertThat(cash.getAmount().getAmountMinor()).as("refunded").isZero();
        });

        String colleagueId = UUID.randomUUID().toString();
        String colleague = TOKENS.member(colleagueId, Map.of(ORGANIZATION, "STAFF"));
        HandBackRefundRequest handBack = HandBackRefundRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(sold.getBookingId()).build();
        assertThat(GrpcTestCalls.failure(() -> bookings(customer()).handBackRefund(handBack)).code()).as("not the organization's")
                .isEqualTo(Status.Code.NOT_FOUND);
        HandBackRefundResponse handed = bookings(colleague).handBackRefund(handBack);
        assertThat(handed.getHandedBack()).isEqualTo(sold.getTotals().getTotal());
        assertThat(handed.getBooking().getBoxOffice().hasRefundOwed()).as("nothing owed any more").isFalse();
        assertThat(bookings(colleague).handBackRefund(handBack)).as("a retry").isEqualTo(handed);
        RemoteError again = GrpcTestCalls.failure(() -> bookings(staff).handBackRefund(handBack.toBuilder().setRequestId(UUID.randomUUID().toString())
                .build()));
        assertThat(again.reason()).as("handed back once").isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(till(colleague, "", cancelledAt, later).getLinesList()).singleElement().satisfies(line -> {
            assertThat(line.getRefunds()).isEqualTo(1);
            assertThat(line.getHandedBack()).isEqualTo(sold.getTotals().getTotal());
        });
        assertThat(bookings(OWNER).getSalesReport(GetSalesReportRequest.newBuilder().setShowtimeId(showtime).build()).getReport()
                .getBoxOfficeRefundsOwed().getAmountMinor()).as("handed back: owed no more").isZero();
        assertThat(bookings(OWNER).listBookings(owed).getBookingsList()).as("none left to hand back").isEmpty();

        assertThat(GrpcTestCalls.failure(() -> bookings(OWNER).handBackRefund(handBack.toBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(online.getBookingId()).build())).violations()).extracting(v -> v.field()).containsExactly("booking_id");
    }

    private static BoxOfficeTill till(String token, String staffUserId, Timestamp from, Timestamp to) {
        return bookings(token).getBoxOfficeTill(GetBoxOfficeTillRequest.newBuilder().setOrganizationId(ORGANIZATION)
                .setStaffUserId(staffUserId).setFrom(from).setTo(to).build()).getTill();
    }

    private static CancelBookingRequest cancel(Booking booking) {
        return CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setBookingId(booking.getBookingId()).build();
    }
}
