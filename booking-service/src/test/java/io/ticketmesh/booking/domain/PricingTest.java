package io.ticketmesh.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PricingTest {
    private final Pricing pricing = new Pricing(150, 1_000);

    @Test
    void aSeatFreeAfterItsDiscountOrPricedAtNothingCarriesNoFee() {
        Pricing.Totals mixed = pricing.price(List.of(4_500L, 4_500L, 0L), List.of(4_500L, 900L, 0L));
        assertThat(mixed.fees()).as("the one seat that still costs something").isEqualTo(150);
        assertThat(mixed.taxes()).isEqualTo(375);
        assertThat(mixed.total()).isEqualTo(3_600 + 150 + 375);
        assertThat(mixed.free()).isFalse();

        Pricing.Totals comp = pricing.price(List.of(4_500L, 4_500L), List.of(4_500L, 4_500L));
        assertThat(comp).isEqualTo(new Pricing.Totals(9_000, 9_000, 0, 0));
        assertThat(comp.free()).isTrue();
    }

    @Test
    void aFreeSeatCancelledRefundsNothingAndTheLastSeatsWhatIsLeft() {
        Pricing.Totals mixed = pricing.price(List.of(4_500L, 4_500L), List.of(4_500L, 0L));
        assertThat(Pricing.refund(mixed, 0, false, 0)).as("the free seat").isZero();
        assertThat(Pricing.refund(mixed, 4_500, true, 0)).isEqualTo(mixed.total());
        assertThat(Pricing.refund(pricing.price(List.of(0L), List.of(0L)), 0, true, 0)).isZero();
    }

    @Test
    void aShareOfARefundIsRoundedDownAndWhatWasWithheldIsNotRefundedAgain() {
        Pricing.Totals three = pricing.price(List.of(3_333L, 3_333L, 3_333L), List.of(0L, 0L, 0L));
        long owed = Pricing.refund(three, 3_333, false, 0);
        long refunded = Pricing.share(owed, 33);
        assertThat(refunded).isEqualTo(owed * 33 / 100).isLessThan(owed);
        assertThat(Pricing.share(owed, 100)).isEqualTo(owed);
        assertThat(Pricing.share(owed, 0)).isZero();
        long withheld = owed - refunded;
        assertThat(Pricing.refund(three, 6_666, true, refunded + withheld)).as("the last seats: what is left less what was withheld")
                .isEqualTo(three.total() - owed);
    }
}
