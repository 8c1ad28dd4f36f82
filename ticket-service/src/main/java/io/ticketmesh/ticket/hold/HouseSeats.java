package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.proto.ticket.v1.BlockSeatsRequest;
import io.ticketmesh.proto.ticket.v1.BlockSeatsResponse;
import io.ticketmesh.proto.ticket.v1.UnblockSeatsRequest;
import io.ticketmesh.proto.ticket.v1.UnblockSeatsResponse;
import io.ticketmesh.ticket.inventory.ShowtimeOrganizations;
import io.ticketmesh.ticket.inventory.SoldOutWatch;
import io.ticketmesh.ticket.persistence.HoldRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * BlockSeats and UnblockSeats: an OWNER takes available seats off sale (house seats, broken seats) and puts them back,
 * all or nothing. Seats already blocked count as blocked, so repeating a request changes nothing.
 */
@Service
public class HouseSeats {
    private final HoldRepository seats;
    private final ShowtimeOrganizations organizations;
    private final InventoryEvents events;
    private final IdempotentRequests idempotent;
    private final SoldOutWatch soldOut;

    public HouseSeats(HoldRepository seats, ShowtimeOrganizations organizations, InventoryEvents events, IdempotentRequests idempotent,
                      SoldOutWatch soldOut) {
        this.seats = seats;
        this.organizations = organizations;
        this.events = events;
        this.idempotent = idempotent;
        this.soldOut = soldOut;
    }

    @Transactional
    public BlockSeatsResponse block(BlockSeatsRequest request, Caller caller) {
        UUID showtimeId = ownedShowtime(request.getShowtimeId(), caller);
        List<UUID> wanted = ids(request.getSeatIdsList());
        return idempotent.once(request.getRequestId(), request, BlockSeatsResponse.parser(), () -> {
            List<SeatsRecord> blocked = seats.switchState(showtimeId, wanted, "AVAILABLE", "BLOCKED");
            refuseUnless(showtimeId, wanted, blocked, "BLOCKED");
            if (!blocked.isEmpty()) {
                events.blocked(showtimeId, blocked);
                soldOut.lookAfterCommit(showtimeId);
            }
            return BlockSeatsResponse.newBuilder().setVersion(version(blocked)).build();
        });
    }

    @Transactional
    public UnblockSeatsResponse unblock(UnblockSeatsRequest request, Caller caller) {
        UUID showtimeId = ownedShowtime(request.getShowtimeId(), caller);
        List<UUID> wanted = ids(request.getSeatIdsList());
        return idempotent.once(request.getRequestId(), request, UnblockSeatsResponse.parser(), () -> {
            List<SeatsRecord> freed = seats.switchState(showtimeId, wanted, "BLOCKED", "AVAILABLE");
            refuseUnless(showtimeId, wanted, freed, "AVAILABLE");
            if (!freed.isEmpty()) {
                events.unblocked(showtimeId, freed);
                soldOut.lookAfterCommit(showtimeId);
            }
            return UnblockSeatsResponse.newBuilder().setVersion(version(freed)).build();
        });
    }

    private UUID ownedShowtime(String id, Caller caller) {
        UUID showtimeId = UUID.fromString(id);
        organizations.requireOwner(showtimeId, caller);
        return showtimeId;
    }

    /** Every wanted seat must have changed or already be in the target state; otherwise nothing changes. */
    private void refuseUnless(UUID showtimeId, List<UUID> wanted, List<SeatsRecord> changed, String target) {
        Set<UUID> done = changed.stream().map(SeatsRecord::getSeatId).collect(Collectors.toSet());
        List<UUID> rest = wanted.stream().filter(id -> !done.contains(id)).toList();
        if (rest.isEmpty()) {
            return;
        }
        List<SeatsRecord> current = seats.seatsOf(showtimeId, rest);
        if (current.size() < rest.size()) {
            throw DomainException.invalid("seat_ids", "not all are seats of this showtime");
        }
        List<UUID> refused = current.stream().filter(s -> !s.getState().equals(target)).map(SeatsRecord::getSeatId).toList();
        if (!refused.isEmpty()) {
            throw SeatUnavailable.of(refused);
        }
    }

    private static List<UUID> ids(List<String> values) {
        return values.stream().map(UUID::fromString).toList();
    }

    private static long version(List<SeatsRecord> changed) {
        return changed.stream().mapToLong(SeatsRecord::getVersion).max().orElse(0);
    }
}
