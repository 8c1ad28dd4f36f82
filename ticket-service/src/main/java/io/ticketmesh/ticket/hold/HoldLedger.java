package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.ExtendHoldRequest;
import io.ticketmesh.proto.ticket.v1.ExtendHoldResponse;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.ticket.inventory.ShowtimeOrganizations;
import io.ticketmesh.ticket.persistence.HoldRepository.HoldWithSeats;
import io.ticketmesh.ticket.persistence.HoldRepository.LockedHold;
import io.ticketmesh.ticket.persistence.HoldRepository;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.StandingAreasRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The PostgreSQL side of holds once made (new holds are taken by {@link HoldBatch}): each method is one transaction that
 * changes seats, the hold and the outbox together.
 */
@Service
public class HoldLedger {
    private final HoldRepository holds;
    private final InventoryRepository inventory;
    private final ShowtimeOrganizations organizations;
    private final InventoryEvents events;
    private final IdempotentRequests idempotent;
    private final HoldProperties properties;

    public HoldLedger(HoldRepository holds, InventoryRepository inventory, ShowtimeOrganizations organizations, InventoryEvents events,
                      IdempotentRequests idempotent, HoldProperties properties) {
        this.holds = holds;
        this.inventory = inventory;
        this.organizations = organizations;
        this.events = events;
        this.idempotent = idempotent;
        this.properties = properties;
    }

    @Transactional
    public ExtendHoldResponse extend(ExtendHoldRequest request, Caller caller) {
        LockedHold locked = holds.findForUpdate(UUID.fromString(request.getHoldId()))
                .orElseThrow(() -> DomainException.notFound("hold", request.getHoldId()));
        HoldsRecord hold = locked.hold();
        caller.requireUserOrService(hold.getUserId().toString());
        return idempotent.once(request.getRequestId(), request, ExtendHoldResponse.parser(), () -> {
            HoldRefusals.requireNotCancelled(locked);
            if (!hold.getStatus().equals("ACTIVE") || !hold.getExpiresAt().isAfter(OffsetDateTime.now())) {
                throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_HOLD_EXPIRED,
                        "the hold is " + (hold.getStatus().equals("ACTIVE") ? "expired" : hold.getStatus().toLowerCase()));
            }
            if (hold.getExtensions() >= properties.maxExtensions()) {
                throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_HOLD_EXTENSION_LIMIT,
                        "a hold can be extended " + properties.maxExtensions() + " times")
                        .with(ErrorDetail.EXTENSIONS, hold.getExtensions().toString());
            }
            holds.extend(hold.getId(), hold.getExpiresAt().plus(properties.extension()));
            return ExtendHoldResponse.newBuilder().setHold(proto(holds.withSeats(hold.getId(), false).orElseThrow())).build();
        });
    }

    /** Expires up to {@code limit} lapsed holds; returns them, so their gate claims can be given up. */
    @Transactional
    public List<HoldsRecord> expireLapsed(int limit) {
        List<HoldsRecord> lapsed = new ArrayList<>(holds.lapsed(limit));
        if (lapsed.isEmpty()) {
            return lapsed;
        }
        Map<UUID, List<SeatsRecord>> freed = holds.freeAll(lapsed);
        holds.endAll(lapsed.stream().map(HoldsRecord::getId).toList(), "EXPIRED", OffsetDateTime.now());
        events.expired(lapsed, freed);
        return lapsed;
    }

    /** The hold with this id, if it was made (a retried request finds its first answer). */
    public Optional<Hold> existing(UUID holdId) {
        return holds.withSeats(holdId, false).map(HoldLedger::proto);
    }

    /** Fails unless the caller is STAFF or an OWNER of the showtime's organization, who sell at its box office. */
    @Transactional(readOnly = true)
    public void requireBoxOffice(String showtimeId, Caller caller) {
        organizations.requireStaff(UUID.fromString(showtimeId), caller);
    }

    /**
     * What a best-available request for {@code tier} picks from: the showtime's available numbered seats of the tier,
     * then the standing areas of the tier, whose places are all alike (areas of any tier when no tier is asked, but only
     * in a showtime without numbered seats: a customer asking for any seat is not sent to stand). Refused as
     * SHOWTIME_NOT_ON_SALE when it sells nothing now in the hold's window (sold out or not), and as INVALID_ARGUMENT when it has neither
     * seats nor a standing area of the tier (a sold-out tier is not an error: nothing is available).
     */
    @Transactional(readOnly = true)
    public Supply available(UUID showtimeId, String tier, SalesWindow window) {
        HoldRefusals.requireOnSale(inventory.findShowtime(showtimeId)
                        .orElseThrow(() -> DomainException.notFound("inventory of showtime", showtimeId.toString())),
                OffsetDateTime.now(), window);
        var available = holds.available(showtimeId, tier);
        if (available.isEmpty() && !holds.hasSeatsOfTier(showtimeId, tier)) {
            List<UUID> areas = standingAreas(showtimeId, tier);
            if (areas.isEmpty()) {
                throw DomainException.invalid("tier", "this showtime has no seats of tier " + tier);
            }
            return new Supply(List.of(), () -> areas);
        }
        // read only when no seat could be held, so a hold that finds seats pays nothing for the floor
        return new Supply(available.stream().map(s -> new BestAvailable.Seat(s.getSeatId(), s.getSectionId(), s.getRowIndex(),
                s.getPositionInRow(), s.getStageDistance(), Set.of(s.getFeatures()))).toList(),
                tier.isEmpty() ? List::of : () -> standingAreas(showtimeId, tier));
    }

    private List<UUID> standingAreas(UUID showtimeId, String tier) {
        return inventory.standingAreas(showtimeId).stream().filter(area -> tier.isEmpty() || area.getTier().equals(tier))
                .map(StandingAreasRecord::getSectionId).toList();
    }

    /** Numbered seats to pick from, then the standing areas to take places of, in the order to try them. */
    public record Supply(List<BestAvailable.Seat> seats, Supplier<List<UUID>> standingAreas) {}

    /** The hold with its seats as they stand, for its customer or a service; one statement. */
    public Hold view(String holdId, Caller caller) {
        HoldWithSeats found = holds.withSeats(UUID.fromString(holdId), false).orElseThrow(() -> DomainException.notFound("hold", holdId));
        caller.requireUserOrService(found.hold().getUserId().toString());
        return proto(found);
    }

    private static Hold proto(HoldWithSeats found) {
        return HoldProtos.hold(found.hold(), found.seats());
    }
}
