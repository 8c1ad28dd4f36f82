package io.ticketmesh.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.BoxOfficePayment;
import io.ticketmesh.proto.booking.v1.ResendTicketsRequest;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.proto.waitlist.v1.JoinRequest;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntry;
import io.ticketmesh.proto.waitlist.v1.WaitlistServiceGrpc;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A closed account's name and address erased from its bookings and waitlist entries, which it leaves, and from a booking
 * made as it closed; its bookings stay.
 */
class AccountClosuresTest extends BookingTestBase {
    @Autowired
    DSLContext bookingDatabase;

    @Test
    void aClosedAccountsBookingsStayWithoutItsNameAndAddressAndItLeavesItsWaitlists() {
        String showtime = showtime(1, 2);
        String userId = UUID.randomUUID().toString();
        String closing = TOKENS.member(userId, Map.of());
        String other = customer();
        Booking booking = awaitBooking(closing, bookings(closing).createBooking(create(hold(closing, showtime, 1), APPROVED))
                .getBooking().getBookingId(), BookingFixtures::settled);
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        Booking kept = awaitBooking(other, bookings(other).createBooking(create(hold(other, showtime, 1), APPROVED))
                .getBooking().getBookingId(), BookingFixtures::settled);
        WaitlistEntry entry = GrpcTestCalls.as(WaitlistServiceGrpc.newBlockingStub(CHANNEL), closing).join(JoinRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime).setQuantity(1).setTogether(false).build()).getEntry();
        assertThat(customerOf(booking.getBookingId()).value1()).isEqualTo(userId + "@example.test");

        AccountClosed closed = AccountClosed.newBuilder().setMetadata(EventMetadatas.next(userId, 5)).setUserId(userId)
                .setEmail(userId + "@example.test").setName("Closing Customer").build();
        KafkaTestEvents.send("ticketmesh.identity.closures", userId, closed);
        awaitErased(booking.getBookingId());

        assertThat(customerOf(booking.getBookingId())).as("address and name").extracting(Record2::value1, Record2::value2)
                .containsExactly("", "");
        assertThat(bookingDatabase.fetchValue("select status from bookings where id = ?::uuid", booking.getBookingId()))
                .as("the booking stays").isEqualTo("CONFIRMED");
        assertThat(bookingDatabase.fetchValue("select status || ' ' || customer_email from waitlist_entries where id = ?::uuid",
                entry.getEntryId())).isEqualTo("LEFT ");
        assertThat(customerOf(kept.getBookingId()).value1()).as("another customer's").isNotEmpty();
        ResendTicketsRequest resend = ResendTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.getBookingId()).build();
        assertThat(GrpcTestCalls.failure(() -> bookings(OWNER).resendTickets(resend)).reason()).as("no address to send to")
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);

        String inFlight = bookings(closing).createBooking(create(hold(closing, showtime(1, 1), 1), DECLINED)).getBooking().getBookingId();
        awaitErased(inFlight);
        assertThat(customerOf(inFlight)).as("a booking made as the account closed, erased within the hour")
                .extracting(Record2::value1, Record2::value2).containsExactly("", "");
    }

    @Test
    void aClosedStaffAccountLeavesTheBuyersOfItsBoxOfficeSalesNamed() {
        String showtime = showtime(1, 4);
        String userId = UUID.randomUUID().toString();
        String seller = TOKENS.member(userId, Map.of(ORGANIZATION, "STAFF"));
        String sale = bookings(seller).createBooking(BoxOfficeTest.sale(hold(seller, showtime, 1, true), BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH,
                "walk-in@example.test")).getBooking().getBookingId();
        String own = awaitBooking(seller, bookings(seller).createBooking(create(hold(seller, showtime, 1), APPROVED)).getBooking()
                .getBookingId(), BookingFixtures::settled).getBookingId();

        KafkaTestEvents.send("ticketmesh.identity.closures", userId, AccountClosed.newBuilder().setMetadata(EventMetadatas.next(userId, 5))
                .setUserId(userId).setEmail(userId + "@example.test").setName("Test User").build());
        awaitErased(own);
        assertThat(customerOf(own)).extracting(Record2::value1, Record2::value2).containsExactly("", "");
        assertThat(customerOf(sale)).as("the buyer's, not the seller's").extracting(Record2::value1, Record2::value2)
                .containsExactly("walk-in@example.test", "Walk-in Buyer");
    }

    private void awaitErased(String bookingId) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!customerOf(bookingId).value1().isEmpty() && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
    }

    private Record2<String, String> customerOf(String bookingId) {
        return bookingDatabase.resultQuery("select customer_email, customer_name from bookings where id = ?::uuid", bookingId)
                .coerce(DSL.field("customer_email", String.class), DSL.field("customer_name", String.class))
                .fetchOne();
    }
}
