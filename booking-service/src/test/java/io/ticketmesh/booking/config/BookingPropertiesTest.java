package io.ticketmesh.booking.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** booking-service refuses, as it starts, settings that would make its sagas spin, stall or charge less than nothing. */
class BookingPropertiesTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void theShippedSettingsAreAccepted() {
        BookingProperties settings = new BookingProperties(150, 1000, Duration.ofMinutes(2), Duration.ofSeconds(8),
                Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(30));

        assertThat(settings.retryAtMost()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void noGraceForLatePaymentsIsAllowed() {
        assertThat(new BookingProperties(0, 0, Duration.ZERO, SECOND, SECOND, SECOND, SECOND).latePaymentGrace()).isZero();
    }

    @Test
    void aRetryThatWouldNeverWaitIsRefusedByName() {
        assertThatThrownBy(() -> new BookingProperties(150, 1000, SECOND, SECOND, SECOND, SECOND, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticketmesh.bookings.retry-at-most");
        assertThatThrownBy(() -> new BookingProperties(150, 1000, SECOND, SECOND, SECOND, SECOND, Duration.ofSeconds(-5)))
                .hasMessageContaining("retry-at-most");
    }

    @Test
    void missingOrNonPositiveDurationsAreRefusedByName() {
        assertThatThrownBy(() -> new BookingProperties(150, 1000, SECOND, SECOND, Duration.ZERO, SECOND, SECOND))
                .hasMessageContaining("ticketmesh.bookings.lease");
        assertThatThrownBy(() -> new BookingProperties(150, 1000, SECOND, SECOND, SECOND, null, SECOND))
                .hasMessageContaining("ticketmesh.bookings.recovery-interval");
        assertThatThrownBy(() -> new BookingProperties(150, 1000, SECOND, Duration.ofMillis(-1), SECOND, SECOND, SECOND))
                .hasMessageContaining("ticketmesh.bookings.answer-within");
        assertThatThrownBy(() -> new BookingProperties(150, 1000, Duration.ofSeconds(-1), SECOND, SECOND, SECOND, SECOND))
                .hasMessageContaining("ticketmesh.bookings.late-payment-grace");
    }

    @Test
    void negativeFeesAndTaxesAreRefused() {
        assertThatThrownBy(() -> new BookingProperties(-1, 1000, SECOND, SECOND, SECOND, SECOND, SECOND))
                .hasMessageContaining("fee-per-seat-minor");
        assertThatThrownBy(() -> new BookingProperties(150, -1, SECOND, SECOND, SECOND, SECOND, SECOND))
                .hasMessageContaining("tax-rate-basis-points");
    }
}
