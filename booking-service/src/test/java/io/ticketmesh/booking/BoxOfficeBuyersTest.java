package io.ticketmesh.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.privacy.PersonalDataRetention;
import io.ticketmesh.proto.booking.v1.BoxOfficePayment;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** A box office buyer's name and address leave the sale once it is older than the retention; the sale stays. */
class BoxOfficeBuyersTest extends BookingTestBase {
    @Autowired
    DSLContext bookingDatabase;

    @Autowired
    PersonalDataRetention retention;

    @Value("${ticketmesh.privacy.retention}")
    Duration kept;

    @Test
    void aSaleOlderThanTheRetentionLosesItsBuyersNameAndAddressAndNothingElseDoes() {
        String showtime = showtime(1, 4);
        String seller = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
        String old = sale(seller, showtime, "old-walk-in@example.test");
        String recent = sale(seller, showtime, "new-walk-in@example.test");
        String userId = UUID.randomUUID().toString();
        String customer = TOKENS.member(userId, Map.of());
        String online = awaitBooking(customer, bookings(customer).createBooking(create(hold(customer, showtime, 1), APPROVED)).getBooking()
                .getBookingId(), BookingFixtures::settled).getBookingId();
        madeAgo(old, kept.plusDays(1));
        madeAgo(recent, kept.minusDays(1));
        madeAgo(online, kept.plusDays(30));

        assertThat(retention.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(customerOf(old)).as("the old sale's buyer").isEqualTo(" / ");
        assertThat(bookingDatabase.fetchValue("select status from bookings where id = ?::uuid", old)).as("the sale stays")
                .isEqualTo("CONFIRMED");
        assertThat(customerOf(recent)).isEqualTo("new-walk-in@example.test / Walk-in Buyer");
        assertThat(customerOf(online)).as("a customer's own booking is erased with their account, not by age")
                .isEqualTo(userId + "@example.test / Test User");
        assertThat(retention.sweep()).as("nothing more").isZero();
    }

    private static String sale(String seller, String showtime, String buyer) {
        return bookings(seller).createBooking(BoxOfficeTest.sale(hold(seller, showtime, 1, true), BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH,
                buyer)).getBooking().getBookingId();
    }

    private void madeAgo(String bookingId, Duration ago) {
        bookingDatabase.execute("update bookings set created_at = now() - ?::interval where id = ?::uuid", ago.toSeconds() + " seconds",
                bookingId);
    }

    private String customerOf(String bookingId) {
        return bookingDatabase.fetchValue("select customer_email || ' / ' || customer_name from bookings where id = ?::uuid", bookingId)
                .toString();
    }
}
