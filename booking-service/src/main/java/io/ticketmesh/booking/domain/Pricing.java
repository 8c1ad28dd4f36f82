package io.ticketmesh.booking.domain;

import java.math.BigInteger;
import java.util.List;

/**
 * What a booking costs and what a cancellation gives back.
 * <ul>
 *   <li>subtotal = sum of the seats' tier prices; discount = sum of what a promotion code took off them (each seat's
 *       discount at most its price); fees = the booking fee per seat that costs something after its discount (a free
 *       seat, priced nothing or wholly discounted, carries none, so a booking of free seats costs nothing); taxes =
 *       the tax rate applied to subtotal less discount plus fees, rounded half up to the minor unit; total = subtotal
 *       - discount + fees + taxes.</li>
 *   <li>Cancelling some seats refunds what was paid for them (price less discount) plus the share of fees and taxes
 *       in proportion to it (rounded down); cancelling the last seats refunds everything not yet refunded, so rounding
 *       never keeps or loses a cent over the life of a booking.</li>
 *   <li>A customer's own cancellation close to the show refunds the percent of that the showtime's refund policy
 *       gives then (rounded down), the rest withheld; later cancellations count what was withheld as settled.</li>
 * </ul>
 */
public record Pricing(long feePerSeatMinor, int taxRateBasisPoints) {

    public record Totals(long subtotal, long discount, long fees, long taxes) {
        public long total() {
            return net() + fees + taxes;
        }

        /** What the seats cost after the discount. */
        public long net() {
            return subtotal - discount;
        }

        /** Whether nothing is to be paid: no card is asked for, and no payment made or refunded. */
        public boolean free() {
            return total() == 0;
        }
    }

    /** The totals of seats priced {@code seatPrices} with {@code seatDiscounts} off them, position by position. */
    public Totals price(List<Long> seatPrices, List<Long> seatDiscounts) {
        long subtotal = seatPrices.stream().mapToLong(Long::longValue).sum();
        long discount = seatDiscounts.stream().mapToLong(Long::longValue).sum();
        long paidSeats = 0;
        for (int i = 0; i < seatPrices.size(); i++) {
            if (seatPrices.get(i) > seatDiscounts.get(i)) {
                paidSeats++;
            }
        }
        long fees = feePerSeatMinor * paidSeats;
        long taxes = Math.floorDiv((subtotal - discount + fees) * taxRateBasisPoints + 5_000, 10_000);
        return new Totals(subtotal, discount, fees, taxes);
    }

    /**
     * The refund for cancelling seats for which {@code cancelledNet} was paid (their prices less their discounts), never
     * more than is left of what was paid (an organizer's refund without cancelling seats may have taken some).
     *
     * @param lastSeats whether they are all the seats still standing
     * @param settled what earlier cancellations and refunds refunded or withheld
     */
    public static long refund(Totals totals, long cancelledNet, boolean lastSeats, long settled) {
        long left = totals.total() - settled;
        if (lastSeats) {
            return left;
        }
        return Math.min(left, cancelledNet + share(totals.fees(), cancelledNet, totals.net()) + share(totals.taxes(), cancelledNet, totals.net()));
    }

    /** {@code percent} of {@code amount}, rounded down: what a refund policy's step gives of a refund. */
    public static long share(long amount, int percent) {
        return share(amount, percent, 100);
    }

    private static long share(long amount, long part, long whole) {
        if (whole == 0) {
            return 0;
        }
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(part)).divide(BigInteger.valueOf(whole)).longValueExact();
    }
}
