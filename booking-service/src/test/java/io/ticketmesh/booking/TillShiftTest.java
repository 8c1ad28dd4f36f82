package io.ticketmesh.booking;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.grpc.Status;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BoxOfficePayment;
import io.ticketmesh.proto.booking.v1.CancelBookingRequest;
import io.ticketmesh.proto.booking.v1.CloseTillShiftRequest;
import io.ticketmesh.proto.booking.v1.GetTillShiftRequest;
import io.ticketmesh.proto.booking.v1.ListTillShiftsRequest;
import io.ticketmesh.proto.booking.v1.ListTillShiftsResponse;
import io.ticketmesh.proto.booking.v1.OpenTillShiftRequest;
import io.ticketmesh.proto.booking.v1.TillLine;
import io.ticketmesh.proto.booking.v1.TillShift;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.common.v1.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A staff member's shift at the box office: their till opened with a float, then counted against what it should hold. */
class TillShiftTest extends BookingTestBase {
    private final String staffId = UUID.randomUUID().toString();
    private final String staff = TOKENS.member(staffId, Map.of(ORGANIZATION, "STAFF"));

    private static Money eur(long minor) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency("EUR").build();
    }

    private static OpenTillShiftRequest open(long floatMinor) {
        return OpenTillShiftRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setOrganizationId(ORGANIZATION)
                .setOpeningFloat(eur(floatMinor)).build();
    }

    private static CloseTillShiftRequest close(TillShift shift, long countedMinor) {
        return CloseTillShiftRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShiftId(shift.getShiftId())
                .setCountedCash(eur(countedMinor)).build();
    }

    private static TillShift get(String token, TillShift shift) {
        return bookings(token).getTillShift(GetTillShiftRequest.newBuilder().setShiftId(shift.getShiftId()).build()).getShift();
    }

    @Test
    void aShiftCountsItsTillAgainstTheFloatAndTheCashTakenLessHandedBack() {
        OpenTillShiftRequest opening = open(10_000);
        TillShift opened = bookings(staff).openTillShift(opening).getShift();
        assertThat(opened.getStaffUserId()).isEqualTo(staffId);
        assertThat(opened.getExpectedCash()).as("the float alone").isEqualTo(eur(10_000));
        assertThat(opened.hasClosedAt()).isFalse();
        assertThat(bookings(staff).openTillShift(opening).getShift()).as("a retry").isEqualTo(opened);
        RemoteError twice = failure(() -> bookings(staff).openTillShift(open(5_000)));
        assertThat(twice.reason()).as("one open shift a staff member").isEqualTo(ErrorReason.ERROR_REASON_ALREADY_EXISTS);
        assertThat(twice.metadata()).containsEntry("shift_id", opened.getShiftId());

        String showtime = showtime(1, 10);
        Booking cash = bookings(staff).createBooking(BoxOfficeTest.sale(hold(staff, showtime, 2, true), BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, ""))
                .getBooking();
        bookings(staff).createBooking(BoxOfficeTest.sale(hold(staff, showtime, 1, true), BoxOfficePayment.BOX_OFFICE_PAYMENT_CARD_TERMINAL, ""));
        long handedBack = bookings(staff).cancelBooking(CancelBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(cash.getBookingId()).addSeatIds(cash.getItems(0).getSeatId()).build()).getRefunded().getAmountMinor();
        long expected = 10_000 + cash.getTotals().getTotal().getAmountMinor() - handedBack;

        TillShift sofar = get(staff, opened);
        assertThat(sofar.getTill().getLinesList()).extracting(TillLine::getPayment, TillLine::getSales, TillLine::getRefunds)
                .containsExactly(tuple(BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, 1, 1), tuple(BoxOfficePayment.BOX_OFFICE_PAYMENT_CARD_TERMINAL, 1, 0));
        assertThat(sofar.getExpectedCash()).as("the card terminal's takings are not in the drawer").isEqualTo(eur(expected));

        CloseTillShiftRequest counted = close(opened, expected - 250).toBuilder().setNote("  a note given as change twice  ").build();
        TillShift closed = bookings(staff).closeTillShift(counted).getShift();
        assertThat(closed.hasClosedAt()).isTrue();
        assertThat(closed.getClosedByUserId()).isEqualTo(staffId);
        assertThat(closed.getExpectedCash()).isEqualTo(eur(expected));
        assertThat(closed.getCountedCash()).isEqualTo(eur(expected - 250));
        assertThat(closed.getShortfall()).isEqualTo(eur(250));
        assertThat(closed.getSurplus()).isEqualTo(eur(0));
        assertThat(closed.getNote()).isEqualTo("a note given as change twice");
        assertThat(bookings(staff).closeTillShift(counted).getShift()).as("a retry").isEqualTo(closed);
        assertThat(failure(() -> bookings(staff).closeTillShift(close(opened, expected))).reason()).as("closed by another request")
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(get(OWNER, opened)).as("an OWNER reads it, unchanged since its close").isEqualTo(closed);

        bookings(staff).createBooking(BoxOfficeTest.sale(hold(staff, showtime, 1, true), BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH, ""));
        assertThat(get(staff, opened).getExpectedCash()).as("a sale after the close is not this shift's").isEqualTo(eur(expected));
        TillShift next = bookings(staff).openTillShift(open(0)).getShift();
        assertThat(next.getShiftId()).as("a new shift once the last is closed").isNotEqualTo(opened.getShiftId());
        assertThat(bookings(OWNER).closeTillShift(close(next, 100)).getShift()).as("an OWNER closes a staff member's shift")
                .satisfies(shift -> {
                    assertThat(shift.getClosedByUserId()).isNotEqualTo(staffId);
                    assertThat(shift.getSurplus()).isEqualTo(eur(100));
                    assertThat(shift.getShortfall()).isEqualTo(eur(0));
                });
    }

    @Test
    void onlyTheStaffMemberOrAnOwnerSeeAShiftAndCountsAreInTheFloatsCurrency() {
        TillShift shift = bookings(staff).openTillShift(open(2_000)).getShift();
        String colleague = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
        assertThat(failure(() -> get(colleague, shift)).code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failure(() -> bookings(colleague).closeTillShift(close(shift, 2_000))).code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failure(() -> bookings(customer()).openTillShift(open(0))).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(() -> bookings(staff).closeTillShift(close(shift, 2_000).toBuilder()
                .setCountedCash(Money.newBuilder().setAmountMinor(2_000).setCurrency("GBP")).build())).violations())
                .extracting(v -> v.field()).containsExactly("counted_cash.currency");
        assertThat(failure(() -> bookings(staff).openTillShift(open(0).toBuilder().clearOpeningFloat().build())).violations())
                .extracting(v -> v.field()).containsExactly("opening_float");
        assertThat(failure(() -> bookings(staff).closeTillShift(close(shift, 0).toBuilder()
                .setCountedCash(Money.newBuilder().setAmountMinor(-1).setCurrency("EUR")).build())).violations())
                .extracting(v -> v.field()).containsExactly("counted_cash.amount_minor");
        assertThat(get(staff, shift).hasClosedAt()).as("nothing closed by the refusals").isFalse();
    }

    @Test
    void anOrganizationsShiftsAreListedLatestFirstToItsOwnersAndEachStaffMemberTheirOwn() {
        String organization = UUID.randomUUID().toString();
        String aliceId = UUID.randomUUID().toString();
        String alice = TOKENS.member(aliceId, Map.of(organization, "STAFF"));
        String bob = TOKENS.member(UUID.randomUUID().toString(), Map.of(organization, "STAFF"));
        String owner = TOKENS.member(UUID.randomUUID().toString(), Map.of(organization, "OWNER"));
        OpenTillShiftRequest opening = open(1_000).toBuilder().setOrganizationId(organization).build();
        TillShift first = bookings(alice).openTillShift(opening).getShift();
        bookings(alice).closeTillShift(close(first, 1_000));
        TillShift second = bookings(alice).openTillShift(opening.toBuilder().setRequestId(UUID.randomUUID().toString()).build()).getShift();
        TillShift bobs = bookings(bob).openTillShift(opening.toBuilder().setRequestId(UUID.randomUUID().toString()).build()).getShift();

        ListTillShiftsRequest everyone = ListTillShiftsRequest.newBuilder().setOrganizationId(organization).build();
        assertThat(bookings(owner).listTillShifts(everyone).getShiftsList()).as("latest opened first, without their tills")
                .extracting(TillShift::getShiftId, TillShift::hasTill)
                .containsExactly(tuple(bobs.getShiftId(), false), tuple(second.getShiftId(), false), tuple(first.getShiftId(), false));
        assertThat(bookings(alice).listTillShifts(everyone).getShiftsList()).as("a staff member's own").extracting(TillShift::getShiftId)
                .containsExactly(second.getShiftId(), first.getShiftId());
        assertThat(bookings(owner).listTillShifts(everyone.toBuilder().setStaffUserId(aliceId).setOpenOnly(true).build()).getShiftsList())
                .singleElement().satisfies(shift -> {
                    assertThat(shift.getShiftId()).isEqualTo(second.getShiftId());
                    assertThat(shift.getExpectedCash()).isEqualTo(eur(1_000));
                });
        ListTillShiftsResponse page = bookings(owner).listTillShifts(everyone.toBuilder().setPageSize(2).build());
        assertThat(page.getShiftsList()).extracting(TillShift::getShiftId).containsExactly(bobs.getShiftId(), second.getShiftId());
        assertThat(bookings(owner).listTillShifts(everyone.toBuilder().setPageSize(2).setPageToken(page.getNextPageToken()).build())
                .getShiftsList()).extracting(TillShift::getShiftId, shift -> shift.getSurplus().getAmountMinor())
                .containsExactly(tuple(first.getShiftId(), 0L));
        assertThat(failure(() -> bookings(bob).listTillShifts(everyone.toBuilder().setStaffUserId(aliceId).build())).code())
                .as("a colleague's shifts are for an OWNER").isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(() -> bookings(customer()).listTillShifts(everyone)).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void ofManyOpeningsAtOnceOneOpensAShift() throws InterruptedException {
        String racer = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> opened = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<ErrorReason> refused = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    opened.add(bookings(racer).openTillShift(open(1_000)).getShift().getShiftId());
                } catch (io.grpc.StatusRuntimeException e) {
                    refused.add(RemoteError.of(e).reason());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(opened).hasSize(1);
        assertThat(refused).hasSize(7).containsOnly(ErrorReason.ERROR_REASON_ALREADY_EXISTS);
    }
}
