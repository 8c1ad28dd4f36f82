package io.ticketmesh.booking.promo;

import io.ticketmesh.booking.domain.PromoDiscount;
import io.ticketmesh.booking.persistence.jooq.tables.records.PromoCodesRecord;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.booking.v1.PromoCode;
import io.ticketmesh.proto.common.v1.Money;
import java.util.Arrays;
import java.util.Set;

/** Promotion code rows as the contract's message, and back. */
final class PromoCodeProtos {
    private PromoCodeProtos() {}

    static PromoCode promoCode(PromoCodesRecord row, int redemptions) {
        PromoCode.Builder code = PromoCode.newBuilder().setPromoCodeId(row.getId().toString())
                .setOrganizationId(row.getOrganizationId().toString()).setCode(row.getCode())
                .addAllTiers(Arrays.asList(row.getTiers())).setMaxRedemptions(row.getMaxRedemptions())
                .setMaxRedemptionsPerCustomer(row.getMaxRedemptionsPerCustomer()).setDisabled(row.getDisabled())
                .setRedemptions(redemptions).setCreatedAt(StoredTime.timestamp(row.getCreatedAt()))
                .setUpdatedAt(StoredTime.timestamp(row.getUpdatedAt()));
        if (row.getPercentOff() != null) {
            code.setPercentOff(row.getPercentOff());
        } else {
            code.setAmountOff(Money.newBuilder().setAmountMinor(row.getAmountOffMinor()).setCurrency(row.getCurrency()));
        }
        if (row.getEventId() != null) {
            code.setEventId(row.getEventId().toString());
        }
        if (row.getStartsAt() != null) {
            code.setStartsAt(StoredTime.timestamp(row.getStartsAt()));
        }
        if (row.getEndsAt() != null) {
            code.setEndsAt(StoredTime.timestamp(row.getEndsAt()));
        }
        return code.build();
    }

    static PromoDiscount discount(PromoCodesRecord row) {
        return new PromoDiscount(row.getPercentOff(), row.getAmountOffMinor(), Set.of(row.getTiers()));
    }
}
