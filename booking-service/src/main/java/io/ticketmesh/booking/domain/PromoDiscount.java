package io.ticketmesh.booking.domain;

import java.util.Set;

/**
 * What a promotion code takes off one ticket: a percentage of its price (rounded half up to the minor unit) or an
 * amount, never more than the price, and nothing off tickets of tiers it is not for (no tiers: every tier).
 */
public record PromoDiscount(Integer percentOff, Long amountOffMinor, Set<String> tiers) {

    public PromoDiscount {
        if ((percentOff == null) == (amountOffMinor == null)) {
            throw new IllegalArgumentException("a discount is a percentage or an amount");
        }
        tiers = Set.copyOf(tiers);
    }

    public boolean appliesTo(String tier) {
        return tiers.isEmpty() || tiers.contains(tier);
    }

    public long off(long priceMinor, String tier) {
        if (!appliesTo(tier)) {
            return 0;
        }
        long off = percentOff != null ? Math.floorDiv(priceMinor * percentOff + 50, 100) : amountOffMinor;
        return Math.min(off, priceMinor);
    }
}
