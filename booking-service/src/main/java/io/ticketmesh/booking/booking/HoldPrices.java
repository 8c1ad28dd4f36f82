package io.ticketmesh.booking.booking;

import io.grpc.StatusRuntimeException;
import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.client.CatalogClient.Seller;
import io.ticketmesh.booking.client.InventoryClient;
import io.ticketmesh.booking.config.BookingProperties;
import io.ticketmesh.booking.domain.Pricing;
import io.ticketmesh.booking.promo.Promotions;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.booking.v1.BookingItem;
import io.ticketmesh.proto.booking.v1.QuoteBookingRequest;
import io.ticketmesh.proto.booking.v1.QuoteBookingResponse;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldStatus;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The caller's hold and what booking it costs: the tier prices of its seats, less what a promotion code takes off,
 * plus the booking fee of each seat that still costs something and tax (see {@link Pricing}). CreateBooking writes a
 * booking at this price; QuoteBooking shows it before the card is asked for.
 */
@Component
public class HoldPrices {
    private final InventoryClient inventory;
    private final CatalogClient catalog;
    private final Promotions promotions;
    private final Pricing pricing;

    public HoldPrices(InventoryClient inventory, CatalogClient catalog, Promotions promotions, BookingProperties properties) {
        this.inventory = inventory;
        this.catalog = catalog;
        this.promotions = promotions;
        this.pricing = new Pricing(properties.feePerSeatMinor(), properties.taxRateBasisPoints());
    }

    /** A hold's price: the code as applied (what it takes off each seat, in the hold's order) and the totals. */
    public record Priced(Promotions.Applied promotion, Pricing.Totals totals) {}

    /** The caller's active hold; NOT_FOUND for another's, FAILED_PRECONDITION (HOLD_EXPIRED) for one no longer active. */
    public Hold callersHold(String holdId, Caller caller) {
        Hold hold;
        try {
            hold = inventory.hold(holdId);
        } catch (StatusRuntimeException e) {
            RemoteError error = RemoteError.of(e);
            throw error.code() == io.grpc.Status.Code.NOT_FOUND ? DomainException.notFound("hold", holdId)
                    : new DomainException(FailureKind.UNAVAILABLE, ErrorReason.ERROR_REASON_DEPENDENCY_UNAVAILABLE,
                    "ticket-service could not be asked about the hold: " + error.message());
        }
        if (!hold.getUserId().equals(caller.userId())) {
            throw DomainException.notFound("hold", holdId);
        }
        if (hold.getStatus() != HoldStatus.HOLD_STATUS_ACTIVE || Instant.ofEpochSecond(hold.getExpiresAt().getSeconds()).isBefore(Instant.now())) {
            throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_HOLD_EXPIRED,
                    "the hold is " + hold.getStatus().name().replace("HOLD_STATUS_", "").toLowerCase() + "; hold the seats again");
        }
        return hold;
    }

    public Seller sellerOf(Hold hold) {
        return catalog.sellerOf(hold.getShowtimeId());
    }

    /**
     * The hold's price with the entered code (empty for none) for the customer. With {@code lock}, in the transaction
     * that writes the booking, the code stays locked until it commits (see {@link Promotions#apply}).
     */
    public Priced price(Hold hold, Seller seller, String promoCode, String userId, boolean lock) {
        Promotions.Applied promotion = promotions.apply(promoCode, seller, hold, userId, lock);
        Pricing.Totals totals = pricing.price(hold.getSeatsList().stream().map(s -> s.getPrice().getAmountMinor()).toList(),
                promotion.discounts());
        return new Priced(promotion, totals);
    }

    /** QuoteBooking: the hold priced as CreateBooking would, without locking the code or writing anything. */
    public QuoteBookingResponse quote(QuoteBookingRequest request) {
        Caller caller = CallerContext.authenticated();
        Hold hold = callersHold(request.getHoldId(), caller);
        Priced priced = price(hold, sellerOf(hold), request.getPromoCode(), caller.userId(), false);
        String currency = hold.getSeats(0).getPrice().getCurrency();
        QuoteBookingResponse.Builder quote = QuoteBookingResponse.newBuilder();
        List<SeatAvailability> seats = hold.getSeatsList();
        for (int i = 0; i < seats.size(); i++) {
            SeatAvailability seat = seats.get(i);
            quote.addItems(BookingItem.newBuilder().setSeatId(seat.getSeatId()).setSection(seat.getSection()).setRow(seat.getRow())
                    .setSeatLabel(seat.getLabel()).setTier(seat.getTier()).setPrice(seat.getPrice())
                    .setDiscount(BookingProtos.money(priced.promotion().discounts().get(i), currency)));
        }
        if (priced.promotion().code() != null) {
            quote.setPromoCode(priced.promotion().code().getCode());
        }
        return quote.setTotals(BookingProtos.totals(priced.totals(), 0, 0, currency)).build();
    }
}
