package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.ticket.v1.HoldSeatsResponse;
import io.ticketmesh.proto.ticket.v1.SeatsHeld;
import io.ticketmesh.ticket.batch.Decided;
import io.ticketmesh.ticket.persistence.HoldRepository;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.InventoryShowtimesRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes many holds on one showtime in one PostgreSQL transaction, each all or nothing: the orders' customers are
 * locked and counted in one statement each, their seats locked in one (those AVAILABLE and not being changed
 * elsewhere), then the orders are decided in arrival order in memory, and the winners' seats, holds and events
 * are written with one statement each. An order that loses takes nothing and costs the others nothing.
 */
@Service
public class HoldBatch {
    /** Seats in the order of the map: section, row, position. */
    static final Comparator<SeatsRecord> MAP_ORDER = Comparator.comparing(SeatsRecord::getSection)
            .thenComparing(SeatsRecord::getRowIndex).thenComparing(SeatsRecord::getPositionInRow);
    private final HoldRepository holds;
    private final InventoryRepository inventory;
    private final InventoryEvents events;
    private final HoldProperties properties;

    public HoldBatch(HoldRepository holds, InventoryRepository inventory, InventoryEvents events, HoldProperties properties) {
        this.holds = holds;
        this.inventory = inventory;
        this.events = events;
        this.properties = properties;
    }

    /**
     * Decides every order (all on {@code showtimeId}); returns their outcomes in the orders' order. Throws, refusing
     * all of them, when the showtime is unknown or sells to nobody now; outside its general sale, only the orders its
     * window lets through (its presale's, the box office's) are decided, the others refused.
     */
    @Transactional
    public List<Decided<HoldSeatsResponse>> take(UUID showtimeId, List<HoldOrder> orders) {
        OffsetDateTime now = StoredTime.now(); // the expiry answered is the one stored
        InventoryShowtimesRecord showtime = inventory.findShowtime(showtimeId)
                .orElseThrow(() -> DomainException.notFound("inventory of showtime", showtimeId.toString()));
        HoldRefusals.requireOnSale(showtime, now, SalesWindow.BOX_OFFICE);
        Map<UUID, HoldOrder> firsts = new LinkedHashMap<>();
        orders.forEach(order -> firsts.putIfAbsent(order.holdId(), order));
        Map<UUID, HoldsRecord> made = holds.findAll(firsts.keySet()).intoMap(HoldsRecord::getId);
        Map<UUID, Decided<HoldSeatsResponse>> outcomes = new HashMap<>();
        List<HoldOrder> fresh = new ArrayList<>();
        for (HoldOrder order : firsts.values()) {
            if (made.containsKey(order.holdId())) {
                continue;
            }
            DomainException closed = HoldRefusals.notOnSale(showtime, now, order.window());
            if (closed == null) {
                fresh.add(order);
            } else {
                outcomes.put(order.holdId(), Decided.refused(closed));
            }
        }
        made.values().forEach(hold -> outcomes.put(hold.getId(), replay(hold, firsts.get(hold.getId()))));
        if (!fresh.isEmpty()) {
            outcomes.putAll(decide(showtime, fresh, now));
        }
        List<Decided<HoldSeatsResponse>> answers = new ArrayList<>(orders.size());
        for (HoldOrder order : orders) {
            HoldOrder first = firsts.get(order.holdId());
            answers.add(asks(order, first.showtimeId(), first.seatIds()) ? outcomes.get(order.holdId())
                    : Decided.refused(HoldRefusals.requestReused(order.requestId())));
        }
        return answers;
    }

    private Map<UUID, Decided<HoldSeatsResponse>> decide(InventoryShowtimesRecord showtime, List<HoldOrder> orders, OffsetDateTime now) {
        UUID showtimeId = showtime.getId();
        Set<UUID> customers = orders.stream().map(HoldOrder::userId).collect(Collectors.toSet());
        holds.lockCustomers(showtimeId, customers);
        Map<UUID, Integer> seatsOfCustomer = new HashMap<>(holds.seatsOfCustomers(showtimeId, customers));
        Set<UUID> free = holds.lockAvailable(showtimeId, orders.stream().flatMap(order -> order.seatIds().stream()).collect(Collectors.toSet()));

        Map<UUID, Decided<HoldSeatsResponse>> outcomes = new HashMap<>();
        Map<UUID, UUID> holdBySeat = new LinkedHashMap<>();
        List<HoldOrder> won = new ArrayList<>();
        Map<HoldOrder, List<UUID>> lost = new LinkedHashMap<>();
        for (HoldOrder order : orders) {
            boolean limited = order.window() != SalesWindow.BOX_OFFICE;
            int already = seatsOfCustomer.getOrDefault(order.userId(), 0);
            if (limited && already + order.seatIds().size() > showtime.getMaxTicketsPerUser()) {
                outcomes.put(order.holdId(), Decided.refused(HoldRefusals.limitExceeded(showtime.getMaxTicketsPerUser(), already)));
            } else if (free.containsAll(order.seatIds())) {
                free.removeAll(order.seatIds());
                order.seatIds().forEach(seat -> holdBySeat.put(seat, order.holdId()));
                if (limited) {
                    seatsOfCustomer.put(order.userId(), already + order.seatIds().size());
                }
                won.add(order);
            } else {
                lost.put(order, order.seatIds().stream().filter(seat -> !free.contains(seat)).toList());
            }
        }
        outcomes.putAll(refusals(showtimeId, lost));
        if (!won.isEmpty()) {
            outcomes.putAll(write(showtime, won, holdBySeat, now));
        }
        return outcomes;
    }

    private Map<UUID, Decided<HoldSeatsResponse>> write(InventoryShowtimesRecord showtime, List<HoldOrder> won, Map<UUID, UUID> holdBySeat,
                                                          OffsetDateTime now) {
        Map<UUID, List<SeatsRecord>> taken = holds.holdFor(showtime.getId(), holdBySeat).stream()
                .collect(Collectors.groupingBy(SeatsRecord::getHoldId));
        Map<UUID, Decided<HoldSeatsResponse>> outcomes = new HashMap<>();
        List<HoldsRecord> made = new ArrayList<>();
        List<Outbox.Entry<SeatsHeld>> announcements = new ArrayList<>();
        for (HoldOrder order : won) {
            List<SeatsRecord> seats = new ArrayList<>(taken.getOrDefault(order.holdId(), List.of()));
            if (seats.size() != order.seatIds().size()) {
                throw new IllegalStateException("seats locked for hold " + order.holdId() + " changed under the lock");
            }
            seats.sort(MAP_ORDER);
            HoldsRecord hold = newHold(order, showtime, seats, now);
            made.add(hold);
            announcements.add(new Outbox.Entry<>(InventoryEvents.seatsHeld(hold, seats, order.origin().requestId()), order.origin()));
            outcomes.put(order.holdId(), Decided.answer(HoldSeatsResponse.newBuilder().setHold(HoldProtos.hold(hold, seats)).build()));
        }
        holds.insertAll(made);
        events.held(announcements);
        return outcomes;
    }

    private HoldsRecord newHold(HoldOrder order, InventoryShowtimesRecord showtime, List<SeatsRecord> seats, OffsetDateTime now) {
        HoldsRecord hold = new HoldsRecord();
        hold.setId(order.holdId());
        hold.setShowtimeId(showtime.getId());
        hold.setUserId(order.userId());
        hold.setStatus("ACTIVE");
        hold.setSeatIds(order.seatIds().toArray(UUID[]::new));
        hold.setExpiresAt(now.plus(properties.ttl()));
        hold.setSubtotalMinor(seats.stream().mapToLong(SeatsRecord::getPriceMinor).sum());
        hold.setCurrency(showtime.getCurrency());
        hold.setCreatedAt(now);
        hold.setExtensions(0);
        hold.setBoxOffice(order.window() == SalesWindow.BOX_OFFICE);
        return hold;
    }

    /** SEAT_UNAVAILABLE naming the seats each loser could not have; seats the showtime does not have are a bad argument. */
    private Map<UUID, Decided<HoldSeatsResponse>> refusals(UUID showtimeId, Map<HoldOrder, List<UUID>> lost) {
        if (lost.isEmpty()) {
            return Map.of();
        }
        Set<UUID> known = holds.seatsOfShowtime(showtimeId, lost.values().stream().flatMap(List::stream).collect(Collectors.toSet()));
        Map<UUID, Decided<HoldSeatsResponse>> outcomes = new HashMap<>();
        lost.forEach((order, missing) -> {
            List<UUID> unknown = missing.stream().filter(seat -> !known.contains(seat)).toList();
            outcomes.put(order.holdId(), Decided.refused(unknown.isEmpty() ? SeatUnavailable.of(missing)
                    : DomainException.invalid("seat_ids", "not seats of this showtime: " + unknown)));
        });
        return outcomes;
    }

    /** A retried request meets the hold it made: the hold as it is now, unless the retry asks for other seats. */
    private Decided<HoldSeatsResponse> replay(HoldsRecord hold, HoldOrder order) {
        if (!asks(order, hold.getShowtimeId(), List.of(hold.getSeatIds()))) {
            return Decided.refused(HoldRefusals.requestReused(order.requestId()));
        }
        List<SeatsRecord> seats = holds.seatsOf(hold.getShowtimeId(), order.seatIds());
        return Decided.answer(HoldSeatsResponse.newBuilder().setHold(HoldProtos.hold(hold, seats)).build());
    }

    /** Whether the order asks for these seats of this showtime (in any order): a retry, not another request. */
    private static boolean asks(HoldOrder order, UUID showtimeId, List<UUID> seatIds) {
        return order.showtimeId().equals(showtimeId) && new HashSet<>(order.seatIds()).equals(new HashSet<>(seatIds));
    }
}
