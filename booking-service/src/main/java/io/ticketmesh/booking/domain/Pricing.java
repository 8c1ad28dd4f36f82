package io.ticketmesh.booking.domain;

import java.math.BigInteger;
import java.util.List;

/**
 * What a booking costs and what a cancellation gives back.
 * <ul>
 *   <li>subtotal = sum of the seats' tier prices; fees = the booking fee per seat; taxes = the tax rate applied to
 *       subtotal plus fees, rounded half up to the minor unit; total = subtotal + fees + taxes.</li>
 *   <li>Cancelling some seats refunds their prices plus the share of fees and taxes in proportion to their price
 *       (rounded down); cancelling the last seats refunds everything not yet refunded, so rounding never keeps or
 *       loses a cent over the life of a booking.</li>
 * </ul>
 */
public record Pricing(long feePerSeatMinor, int taxRateBasisPoints) {

    public record Totals(long subtotal, long fees, long taxes) {
        public long total() {
            return subtotal + fees + taxes;
        }
    }

    public Totals price(List<Long> seatPrices) {
        long subtotal = seatPrices.stream().mapToLong(Long::longValue).sum();
        long fees = feePerSeatMinor * seatPrices.size();
        long taxes = Math.floorDiv((subtotal + fees) * taxRateBasisPoints + 5_000, 10_000);
        return new Totals(subtotal, fees, taxes);
    }

    /**
     * The refund for cancelling seats worth {@code cancelledPrice}.
     *
     * @param remainingPrice the price of the seats still standing before this cancellation, these included
     * @param alreadyRefunded what earlier cancellations refunded
     */
    public static long refund(Totals totals, long cancelledPrice, long remainingPrice, long alreadyRefunded) {
        if (cancelledPrice == remainingPrice) {
            return totals.total() - alreadyRefunded;
        }
        return cancelledPrice + share(totals.fees(), cancelledPrice, totals.subtotal()) + share(totals.taxes(), cancelledPrice, totals.subtotal());
    }

    private static long share(long amount, long part, long whole) {
        if (whole == 0) {
            return 0;
        }
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(part)).divide(BigInteger.valueOf(whole)).longValueExact();
    }
}
