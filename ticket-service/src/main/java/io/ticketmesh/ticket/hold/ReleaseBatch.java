package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldResponse;
import io.ticketmesh.proto.ticket.v1.ReleaseReason;
import io.ticketmesh.proto.ticket.v1.SeatsReleased;
import io.ticketmesh.ticket.batch.Decided;
import io.ticketmesh.ticket.persistence.HoldRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Releases many holds in one PostgreSQL transaction: the holds locked in one statement, their seats freed in one,
 * the holds ended in one and their SeatsReleased written in one. Releasing is idempotent by nature: a hold that is
 * no longer active (released before, expired) is answered as it is, and changes nothing.
 */
@Service
public class ReleaseBatch {
    private final HoldRepository holds;
    private final InventoryEvents events;

    public ReleaseBatch(HoldRepository holds, InventoryEvents events) {
        this.holds = holds;
        this.events = events;
    }

    /** Decides every order; returns their outcomes in the orders' order. */
    @Transactional
    public List<Decided<ReleaseHoldResponse>> release(List<ReleaseOrder> orders) {
        Map<UUID, HoldsRecord> found = holds.findAllForUpdate(orders.stream().map(ReleaseOrder::holdId).distinct().toList())
                .intoMap(HoldsRecord::getId);
        Map<UUID, ReleaseOrder> releasing = new LinkedHashMap<>();
        Map<ReleaseOrder, DomainException> refused = new HashMap<>();
        for (ReleaseOrder order : orders) {
            HoldsRecord hold = found.get(order.holdId());
            try {
                if (hold == null) {
                    throw DomainException.notFound("hold", order.holdId().toString());
                }
                order.caller().requireUserOrService(hold.getUserId().toString());
                if (hold.getStatus().equals("CONFIRMED")) {
                    throw DomainException.invalidState("a confirmed hold belongs to a booking; cancel the booking");
                }
                if (hold.getStatus().equals("ACTIVE")) {
                    releasing.putIfAbsent(hold.getId(), order);
                }
            } catch (DomainException refusal) {
                refused.put(order, refusal);
            }
        }
        Map<UUID, List<SeatsRecord>> freed = free(releasing, found);
        List<Decided<ReleaseHoldResponse>> outcomes = new ArrayList<>(orders.size());
        for (ReleaseOrder order : orders) {
            DomainException refusal = refused.get(order);
            outcomes.add(refusal != null ? Decided.refused(refusal) : Decided.answer(answer(found.get(order.holdId()), freed)));
        }
        return outcomes;
    }

    private Map<UUID, List<SeatsRecord>> free(Map<UUID, ReleaseOrder> releasing, Map<UUID, HoldsRecord> found) {
        if (releasing.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<SeatsRecord>> freed = new HashMap<>();
        holds.freeAll(releasing.keySet().stream().map(found::get).toList())
                .forEach((holdId, seats) -> freed.put(holdId, seats.stream().sorted(HoldBatch.MAP_ORDER).toList()));
        OffsetDateTime now = OffsetDateTime.now();
        holds.endAll(releasing.keySet(), "RELEASED", now);
        List<Outbox.Entry<SeatsReleased>> announcements = new ArrayList<>();
        releasing.forEach((holdId, order) -> {
            HoldsRecord hold = found.get(holdId);
            List<SeatsRecord> seats = freed.getOrDefault(holdId, List.of());
            if (!seats.isEmpty()) {
                SeatsReleased released = InventoryEvents.seatsReleased(hold, seats, ReleaseReason.RELEASE_REASON_HOLD_RELEASED,
                        order.origin().requestId());
                announcements.add(new Outbox.Entry<>(released, order.origin()));
            }
            hold.setStatus("RELEASED");
            hold.setEndedAt(now);
        });
        events.released(announcements);
        return freed;
    }

    private ReleaseHoldResponse answer(HoldsRecord hold, Map<UUID, List<SeatsRecord>> freed) {
        List<SeatsRecord> seats = freed.containsKey(hold.getId()) ? freed.get(hold.getId())
                : holds.seatsOf(hold.getShowtimeId(), List.of(hold.getSeatIds()));
        return ReleaseHoldResponse.newBuilder().setHold(HoldProtos.hold(hold, seats)).build();
    }
}
