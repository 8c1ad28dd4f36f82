package io.ticketmesh.booking.waitlist;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.client.InventoryClient;
import io.ticketmesh.booking.client.PlaceCounts;
import io.ticketmesh.booking.persistence.WaitlistRepository;
import io.ticketmesh.booking.persistence.WaitlistRepository.LinePlace;
import io.ticketmesh.booking.persistence.jooq.tables.records.WaitlistEntriesRecord;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.waitlist.v1.WaitlistOfferMade;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Offers freed seats to waitlisted customers. Every {@code ticketmesh.waitlist.offer-interval} it settles the offers
 * made (FULFILLED by a booking of the hold, EXPIRED when the hold lapsed unbooked), then, for each showtime the
 * {@link OfferSchedule} says is due (seats freed there or someone joined since its last try, or untried for the retry
 * interval), counts its free seats and asks ticket-service to hold the best matching seats for the oldest waiting
 * entries that ask for no more, in turn, then for a few beyond those the last try passed over: the first that can be
 * served gets a real hold (its own five minutes) and the entry is OFFERED, with a {@code WaitlistOfferMade} for the
 * email. A showtime off sale, or that refuses holds, is looked up in the catalog and its list closed once it will sell
 * nothing again. The hold's request id is derived from the entry, so two processes sweeping at once, or a sweep
 * repeated after a crash, make one hold.
 */
@Component
public class WaitlistOffers {
    public static final String TOPIC = "ticketmesh.waitlist";
    private static final Logger log = LoggerFactory.getLogger(WaitlistOffers.class);
    /** Refusals that say this entry cannot be served now; the next entry may be. */
    private static final Set<ErrorReason> NOT_FOR_THIS_ENTRY = Set.of(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE,
            ErrorReason.ERROR_REASON_NO_SEATS_MATCH, ErrorReason.ERROR_REASON_LIMIT_EXCEEDED, ErrorReason.ERROR_REASON_VALIDATION_FAILED);
    /** The showtimes with someone waiting the schedule keeps track of; beyond these, lists wait for the ones before. */
    static final int SHOWTIMES_WATCHED = 10_000;
    static final int SHOWTIMES_A_SWEEP = 100;
    static final int ENTRIES_A_SHOWTIME = 5;
    private final WaitlistRepository entries;
    private final InventoryClient inventory;
    private final CatalogClient catalog;
    private final Waitlists waitlists;
    private final OfferSchedule schedule;
    private final Outbox outbox;
    private final TransactionTemplate transaction;

    WaitlistOffers(WaitlistRepository entries, InventoryClient inventory, CatalogClient catalog, Waitlists waitlists,
                   OfferSchedule schedule, Outbox outbox, TransactionTemplate transaction) {
        this.entries = entries;
        this.inventory = inventory;
        this.catalog = catalog;
        this.waitlists = waitlists;
        this.schedule = schedule;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${ticketmesh.waitlist.offer-interval:1s}")
    public void sweep() {
        List<UUID> due;
        try {
            entries.settleOffers(StoredTime.now());
            due = schedule.due(entries.showtimesWaiting(SHOWTIMES_WATCHED), Instant.now(), SHOWTIMES_A_SWEEP);
        } catch (RuntimeException e) {
            log.warn("waitlist offers failed; trying again next sweep", e);
            return;
        }
        for (int i = 0; i < due.size(); i++) {
            try {
                offer(due.get(i));
            } catch (RuntimeException e) {
                // ticket-service or the database cannot be asked now: this showtime and those after it go first next time
                due.subList(i, due.size()).forEach(schedule::wake);
                log.warn("waitlist offers wait: {}", e instanceof StatusRuntimeException grpc ? grpc.getStatus() : e.toString());
                return;
            }
        }
    }

    /**
     * Offers to the first entry of the showtime that can be served: of its oldest few, then of the few after those the
     * last try passed over (so a list whose head cannot be served, parties too large or a tier sold out, still serves
     * those behind). Entries asking for more seats than are free are not tried at all.
     */
    private void offer(UUID showtimeId) {
        int free = freeSeats(showtimeId);
        if (free == 0) {
            return; // sold out or off sale (a list that will sell nothing again is closed): a freed seat wakes the list
        }
        List<WaitlistEntriesRecord> oldest = entries.waiting(showtimeId, free, null, ENTRIES_A_SHOWTIME);
        List<WaitlistEntriesRecord> further = List.of();
        if (oldest.size() == ENTRIES_A_SHOWTIME) {
            WaitlistEntriesRecord passed = schedule.passedUpTo(showtimeId);
            boolean passedIsAhead = passed != null && LinePlace.of(passed).compareTo(LinePlace.of(oldest.getLast())) > 0;
            further = entries.waiting(showtimeId, free, passedIsAhead ? passed : oldest.getLast(), ENTRIES_A_SHOWTIME);
        }
        for (WaitlistEntriesRecord entry : Stream.concat(oldest.stream(), further.stream()).toList()) {
            Hold hold;
            try {
                hold = inventory.holdFor(entry.getUserId(), showtimeId.toString(), "waitlist-offer:" + entry.getId(), entry.getQuantity(),
                        entry.getTogether(), entry.getTier());
            } catch (StatusRuntimeException e) {
                RemoteError refusal = RemoteError.of(e);
                if (refusal.code() == Status.Code.UNAVAILABLE || refusal.code() == Status.Code.DEADLINE_EXCEEDED) {
                    throw e;
                }
                if (NOT_FOR_THIS_ENTRY.contains(refusal.reason())) {
                    continue;
                }
                closeIfOver(showtimeId); // the showtime sells nothing now: for ever, or not yet
                return;
            }
            offered(entry, hold);
            schedule.passed(showtimeId, null);
            schedule.wake(showtimeId); // seats may be left for the entries after it
            return;
        }
        // none could be served: the next try goes on past these, or from the oldest again at the list's end
        schedule.passed(showtimeId, further.size() < ENTRIES_A_SHOWTIME ? null : further.getLast());
    }

    /**
     * The showtime's seats and standing places available now, as ticket-service counts them (0 when it is not on sale:
     * a list whose showtime will sell nothing again is closed).
     */
    private int freeSeats(UUID showtimeId) {
        GetSeatAvailabilityResponse availability;
        try {
            availability = inventory.states(showtimeId.toString());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNAVAILABLE || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                throw e;
            }
            log.warn("waitlist of showtime {} waits: ticket-service answered {}", showtimeId, e.getStatus());
            return 0;
        }
        if (!availability.getOnSale()) {
            closeIfOver(showtimeId);
            return 0;
        }
        return PlaceCounts.of(availability).available();
    }

    private void closeIfOver(UUID showtimeId) {
        try {
            waitlists.closeIfOver(catalog.showtime(showtimeId.toString()));
        } catch (DomainException unknownOrUnavailable) {
            log.warn("waitlist of showtime {} stays open: {}", showtimeId, unknownOrUnavailable.getMessage());
        }
    }

    private void offered(WaitlistEntriesRecord entry, Hold hold) {
        OffsetDateTime expiresAt = StoredTime.of(hold.getExpiresAt());
        OffsetDateTime now = StoredTime.now();
        boolean made = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!entries.offered(entry.getId(), UUID.fromString(hold.getHoldId()), expiresAt, now)) {
                return false;
            }
            // the entry as the update left it, without reading it back
            entry.setStatus("OFFERED");
            entry.setHoldId(UUID.fromString(hold.getHoldId()));
            entry.setOfferExpiresAt(expiresAt);
            entry.setUpdatedAt(now);
            outbox.append(TOPIC, WaitlistOfferMade.newBuilder().setMetadata(EventMetadatas.next(entry.getShowtimeId().toString(),
                            Waitlists.eventVersion(now)))
                    .setEntry(waitlists.proto(entry)).addAllSeatIds(hold.getSeatIdsList()).setCustomerEmail(entry.getCustomerEmail()).build());
            return true;
        }));
        if (!made) {
            // the customer left while the seats were being held: they go back on sale at once
            inventory.release(hold.getHoldId(), "waitlist-leave:" + entry.getId());
        }
    }
}
