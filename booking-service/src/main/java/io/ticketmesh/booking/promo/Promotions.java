package io.ticketmesh.booking.promo;

import io.ticketmesh.booking.client.CatalogClient.Seller;
import io.ticketmesh.booking.domain.PromoDiscount;
import io.ticketmesh.booking.persistence.PromoCodeRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.PromoCodesRecord;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.validation.EnteredCodes;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.Hold;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Whether a promotion code applies to a hold's seats for a customer, and what it takes off each: the price a booking
 * is written with and the one a checkout quotes. A code applies when the showtime's organizer has it, it is enabled and
 * within its dates, for the showtime's event and currency, for a tier of at least one seat, and neither it nor the
 * customer has used it as often as it may be.
 */
@Service
public class Promotions {
    private final PromoCodeRepository codes;

    public Promotions(PromoCodeRepository codes) {
        this.codes = codes;
    }

    /** A code as it applies to a hold: the code (null for none) and what it takes off each seat, in the hold's order. */
    public record Applied(PromoCodesRecord code, List<Long> discounts) {
        public static Applied none(int seats) {
            return new Applied(null, Collections.nCopies(seats, 0L));
        }
    }

    /**
     * The entered code (any case; empty for none) applied to the hold's seats for the customer; INVALID_ARGUMENT
     * (PROMO_CODE_INVALID, naming promo_code) when it does not apply. With {@code lock}, in the transaction that writes
     * the booking: the code's row stays locked until it commits, so its uses are counted past every earlier booking's.
     */
    public Applied apply(String entered, Seller seller, Hold hold, String userId, boolean lock) {
        if (entered.isBlank()) {
            return Applied.none(hold.getSeatsCount());
        }
        String code = EnteredCodes.normalized(entered);
        String unknown = "is not a code of this showtime's organizer";
        if (!EnteredCodes.wellFormed(code)) {
            throw refused(unknown);
        }
        PromoCodesRecord found = codes.findByCode(UUID.fromString(seller.organizationId()), code, lock).orElseThrow(() -> refused(unknown));
        refuseUnusable(found, seller);
        PromoDiscount discount = PromoCodeProtos.discount(found);
        List<Long> discounts = hold.getSeatsList().stream().map(seat -> discount.off(seat.getPrice().getAmountMinor(), seat.getTier())).toList();
        if (hold.getSeatsList().stream().noneMatch(seat -> discount.appliesTo(seat.getTier()))) {
            throw refused("is only for " + String.join(", ", Arrays.asList(found.getTiers())) + " tickets");
        }
        PromoCodeRepository.Uses uses = codes.uses(found.getId(), userId);
        if (found.getMaxRedemptions() > 0 && uses.all() >= found.getMaxRedemptions()) {
            throw refused("has been used as often as it may be");
        }
        if (!hold.getBoxOffice() && found.getMaxRedemptionsPerCustomer() > 0 && uses.byCustomer() >= found.getMaxRedemptionsPerCustomer()) {
            throw refused("was used in as many of your bookings as it may be (" + found.getMaxRedemptionsPerCustomer() + ")");
        }
        return new Applied(found, discounts);
    }

    private static void refuseUnusable(PromoCodesRecord code, Seller seller) {
        Instant now = Instant.now();
        if (code.getDisabled()) {
            throw refused("is disabled");
        }
        if (code.getStartsAt() != null && now.isBefore(code.getStartsAt().toInstant())) {
            throw refused("cannot be used before " + code.getStartsAt().toInstant());
        }
        if (code.getEndsAt() != null && !now.isBefore(code.getEndsAt().toInstant())) {
            throw refused("ended at " + code.getEndsAt().toInstant());
        }
        if (code.getEventId() != null && !code.getEventId().toString().equals(seller.eventId())) {
            throw refused("is not for this event");
        }
        if (code.getCurrency() != null && !code.getCurrency().equals(seller.currency())) {
            throw refused("takes off " + code.getCurrency() + "; this showtime sells in " + seller.currency());
        }
    }

    static DomainException refused(String why) {
        return new DomainException(FailureKind.INVALID_ARGUMENT, ErrorReason.ERROR_REASON_PROMO_CODE_INVALID, "promo_code: " + why,
                List.of(new FieldViolation("promo_code", why)));
    }
}
