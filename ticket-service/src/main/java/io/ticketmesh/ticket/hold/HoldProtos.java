package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldStatus;
import io.ticketmesh.proto.ticket.v1.StandingPlaces;
import io.ticketmesh.ticket.inventory.SeatProtos;
import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Hold rows as the contract's Hold. */
final class HoldProtos {
    private HoldProtos() {}

    static Hold hold(HoldsRecord hold, List<SeatsRecord> seats) {
        Hold.Builder proto = Hold.newBuilder().setHoldId(hold.getId().toString()).setShowtimeId(hold.getShowtimeId().toString())
                .setUserId(hold.getUserId().toString()).addAllSeatIds(Arrays.stream(hold.getSeatIds()).map(UUID::toString).toList())
                .setStatus(HoldStatus.valueOf("HOLD_STATUS_" + hold.getStatus()))
                .setExpiresAt(StoredTime.timestamp(hold.getExpiresAt()))
                .setCreatedAt(StoredTime.timestamp(hold.getCreatedAt())).setExtensions(hold.getExtensions())
                .setBoxOffice(hold.getBoxOffice())
                .setSubtotal(SeatProtos.money(hold.getSubtotalMinor(), hold.getCurrency()));
        if (hold.getBookingId() != null) {
            proto.setBookingId(hold.getBookingId().toString());
        }
        seats.forEach(seat -> proto.addSeats(SeatProtos.seat(seat, hold.getCurrency())));
        seats.stream().filter(SeatsRecord::getStanding)
                .collect(Collectors.groupingBy(SeatsRecord::getSectionId, LinkedHashMap::new, Collectors.counting()))
                .forEach((section, places) -> proto.addStanding(StandingPlaces.newBuilder().setSectionId(section.toString())
                        .setQuantity(places.intValue())));
        return proto.build();
    }
}
