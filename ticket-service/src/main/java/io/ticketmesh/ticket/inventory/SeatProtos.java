package io.ticketmesh.ticket.inventory;

import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Inventory rows as the contract's messages: seats, money and times. */
public final class SeatProtos {
    private SeatProtos() {}

    public static SeatAvailability seat(SeatsRecord seat, String currency) {
        return SeatAvailability.newBuilder().setSeatId(seat.getSeatId().toString()).setLabel(seat.getLabel())
                .setSection(seat.getSection()).setRow(seat.getRowLabel()).setState(state(seat.getState()))
                .setTier(seat.getTier()).setPrice(money(seat.getPriceMinor(), currency)).setStanding(seat.getStanding())
                .addAllFeatures(features(seat.getFeatures())).build();
    }

    /** A seat's stored state (AVAILABLE, HELD, SOLD, BLOCKED) as the contract's. */
    public static SeatState state(String stored) {
        return switch (stored) {
            case "AVAILABLE" -> SeatState.SEAT_STATE_AVAILABLE;
            case "HELD" -> SeatState.SEAT_STATE_HELD;
            case "SOLD" -> SeatState.SEAT_STATE_SOLD;
            case "BLOCKED" -> SeatState.SEAT_STATE_BLOCKED;
            default -> throw new IllegalStateException("seat state " + stored);
        };
    }

    /** A seat's stored features (WHEELCHAIR, AISLE, ...) as the contract's. */
    public static List<SeatFeature> features(String[] stored) {
        return Arrays.stream(stored).map(f -> SeatFeature.valueOf("SEAT_FEATURE_" + f)).toList();
    }

    public static Money money(long amountMinor, String currency) {
        return Money.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build();
    }

}
