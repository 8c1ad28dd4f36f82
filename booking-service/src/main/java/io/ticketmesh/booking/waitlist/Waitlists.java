package io.ticketmesh.booking.waitlist;

import static io.ticketmesh.platform.persistence.StoredTime.timestamp;

import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.client.InventoryClient;
import io.ticketmesh.booking.persistence.WaitlistRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.WaitlistEntriesRecord;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.paging.Page;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import io.ticketmesh.proto.waitlist.v1.EntryStatus;
import io.ticketmesh.proto.waitlist.v1.GetEntryRequest;
import io.ticketmesh.proto.waitlist.v1.GetEntryResponse;
import io.ticketmesh.proto.waitlist.v1.JoinRequest;
import io.ticketmesh.proto.waitlist.v1.JoinResponse;
import io.ticketmesh.proto.waitlist.v1.LeaveRequest;
import io.ticketmesh.proto.waitlist.v1.LeaveResponse;
import io.ticketmesh.proto.waitlist.v1.ListEntriesRequest;
import io.ticketmesh.proto.waitlist.v1.ListEntriesResponse;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntry;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntryClosed;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Join, Leave and GetEntry of a showtime's waitlist. One active (waiting or offered) entry per customer and showtime;
 * a retried Join answers the entry its request made. Offers are made by {@link WaitlistOffers}.
 */
@Service
public class Waitlists {
    private static final Logger log = LoggerFactory.getLogger(Waitlists.class);
    static final int CLOSED_A_TRANSACTION = 1_000;
    private final WaitlistRepository entries;
    private final CatalogClient catalog;
    private final InventoryClient inventory;
    private final OfferSchedule schedule;
    private final WaitlistPositions positions;
    private final Outbox outbox;
    private final TransactionTemplate transaction;

    Waitlists(WaitlistRepository entries, CatalogClient catalog, InventoryClient inventory, OfferSchedule schedule,
              WaitlistPositions positions, Outbox outbox, TransactionTemplate transaction) {
        this.entries = entries;
        this.catalog = catalog;
        this.inventory = inventory;
        this.schedule = schedule;
        this.positions = positions;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    public JoinResponse join(JoinRequest request) {
        Caller caller = CallerContext.current().requireAuthenticated();
        WaitlistEntriesRecord made = entries.findByRequest(caller.userId(), request.getRequestId()).orElse(null);
        if (made == null) {
            requireListable(catalog.showtime(request.getShowtimeId()), request.getTier());
            OffsetDateTime now = StoredTime.now();
            WaitlistEntriesRecord entry = entries.newEntry();
            entry.setId(UUID.randomUUID());
            entry.setShowtimeId(UUID.fromString(request.getShowtimeId()));
            entry.setUserId(caller.userId());
            entry.setCustomerEmail(caller.email());
            entry.setQuantity(request.getQuantity());
            entry.setTogether(request.getTogether());
            entry.setTier(request.getTier());
            entry.setStatus("WAITING");
            entry.setJoinRequestId(request.getRequestId());
            entry.setCreatedAt(now);
            entry.setUpdatedAt(now);
            if (!entries.insert(entry)) {
                made = entries.findByRequest(caller.userId(), request.getRequestId()).orElseThrow(() -> alreadyOnTheList(request));
            } else {
                made = entry;
                schedule.wake(entry.getShowtimeId());
            }
        }
        if (!made.getShowtimeId().toString().equals(request.getShowtimeId()) || made.getQuantity() != request.getQuantity()
                || made.getTogether() != request.getTogether() || !made.getTier().equals(request.getTier())) {
            throw new DomainException(FailureKind.ABORTED, ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED,
                    "request_id " + request.getRequestId() + " was used for a different request");
        }
        return JoinResponse.newBuilder().setEntry(proto(made)).build();
    }

    /**
     * Refuses a list no offer could ever come from: a showtime that sells nothing any more (cancelled, ended, sales
     * closed or begun: SHOWTIME_NOT_ON_SALE), or a tier it does not have (INVALID_ARGUMENT on tier).
     */
    private static void requireListable(Showtime showtime, String tier) {
        ShowtimeSales.over(showtime, StoredTime.now()).ifPresent(why -> {
            throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE, why);
        });
        if (!tier.isEmpty() && showtime.getPriceTiersList().stream().noneMatch(priced -> priced.getTier().equals(tier))) {
            throw DomainException.invalid("tier", "the showtime has no tier " + tier + "; it has "
                    + showtime.getPriceTiersList().stream().map(PriceTier::getTier).toList());
        }
    }

    private DomainException alreadyOnTheList(JoinRequest request) {
        String entryId = entries.active(UUID.fromString(request.getShowtimeId()), CallerContext.current().userId())
                .map(entry -> entry.getId().toString()).orElse("");
        return new DomainException(FailureKind.ALREADY_EXISTS, ErrorReason.ERROR_REASON_ALREADY_EXISTS,
                "you are on this showtime's waitlist already" + (entryId.isEmpty() ? "" : " (entry " + entryId + ")"))
                .with(ErrorDetail.ENTRY_ID, entryId);
    }

    /**
     * Closes the showtime's waiting entries when it sells nothing any more, as the catalog has it ({@code showtime}
     * from an event or asked now), and its offers too when it is cancelled. Closing again changes nothing.
     */
    public void closeIfOver(Showtime showtime) {
        ShowtimeSales.over(showtime, StoredTime.now()).ifPresent(why -> close(UUID.fromString(showtime.getShowtimeId()),
                showtime.getStatus() == ShowtimeStatus.SHOWTIME_STATUS_CANCELLED, why));
    }

    /** The showtime was cancelled: its waiting entries are closed, and its offers, whose holds can never be sold. */
    public void closeCancelled(UUID showtimeId) {
        close(showtimeId, true, "the showtime is cancelled");
    }

    /** The showtime ended (or sells nothing any more): its waiting entries are closed; offers run out with their holds. */
    public void close(UUID showtimeId, String why) {
        close(showtimeId, false, why);
    }

    /**
     * Closes the showtime's waiting entries (and its unbooked offers with {@code offersToo}), a thousand a
     * transaction, each with a {@code WaitlistEntryClosed} for the customer's email: no offer will come.
     */
    private void close(UUID showtimeId, boolean offersToo, String why) {
        int closed = 0;
        int batch;
        do {
            batch = Objects.requireNonNull(transaction.execute(status -> {
                OffsetDateTime now = StoredTime.now();
                List<WaitlistEntriesRecord> ended = entries.close(showtimeId, offersToo, now, CLOSED_A_TRANSACTION);
                outbox.appendAll(WaitlistOffers.TOPIC, ended.stream().map(entry -> WaitlistEntryClosed.newBuilder()
                        .setMetadata(EventMetadatas.next(showtimeId.toString(), eventVersion(now))).setEntry(proto(entry))
                        .setCustomerEmail(entry.getCustomerEmail()).setReason(why).build()).toList());
                return ended.size();
            }));
            closed += batch;
        } while (batch == CLOSED_A_TRANSACTION);
        if (closed > 0) {
            log.info("closed {} waitlist entries of showtime {}: {}", closed, showtimeId, why);
        }
    }

    /**
     * The version of a waitlist event (keyed by showtime, as the contract says): the time of the change in
     * microseconds, so the events of one list follow each other.
     */
    static long eventVersion(OffsetDateTime at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant());
    }

    /** Takes the caller's entry off the list; an offer's hold is released at once. Leaving again changes nothing. */
    public LeaveResponse leave(LeaveRequest request) {
        WaitlistEntriesRecord entry = owned(request.getEntryId());
        WaitlistEntriesRecord left = entries.leave(entry.getId(), StoredTime.now());
        if (entry.getStatus().equals("OFFERED") && left.getStatus().equals("LEFT")) {
            inventory.release(entry.getHoldId().toString(), "waitlist-leave:" + entry.getId());
        }
        return LeaveResponse.newBuilder().setEntry(proto(left)).build();
    }

    public GetEntryResponse get(GetEntryRequest request) {
        return GetEntryResponse.newBuilder().setEntry(proto(owned(request.getEntryId()))).build();
    }

    /** The caller's entries, newest first, a page at a time. */
    public ListEntriesResponse list(ListEntriesRequest request) {
        Caller caller = CallerContext.authenticated();
        int size = request.getPageSize() == 0 ? 20 : request.getPageSize();
        List<WaitlistEntriesRecord> read = entries.ofCustomer(caller.userId(), Cursor.parse(request), size + 1);
        var page = Page.of(read, size, entry -> Cursor.of(entry.getCreatedAt(), entry.getId()), request);
        return ListEntriesResponse.newBuilder().addAllEntries(page.rows().stream().map(this::proto).toList())
                .setNextPageToken(page.nextToken()).build();
    }

    /** The entry, when the caller is its customer (or an internal service); NOT_FOUND otherwise, as for one there is not. */
    private WaitlistEntriesRecord owned(String entryId) {
        Caller caller = CallerContext.current().requireAuthenticated();
        return entries.find(UUID.fromString(entryId)).filter(entry -> caller.isService() || entry.getUserId().equals(caller.userId()))
                .orElseThrow(() -> DomainException.notFound("waitlist entry", entryId));
    }

    /** The entry as the API shows it (with its place when waiting, as of a read of its line at most 2 s old). */
    WaitlistEntry proto(WaitlistEntriesRecord entry) {
        WaitlistEntry.Builder proto = WaitlistEntry.newBuilder().setEntryId(entry.getId().toString())
                .setShowtimeId(entry.getShowtimeId().toString()).setUserId(entry.getUserId()).setQuantity(entry.getQuantity())
                .setTogether(entry.getTogether()).setTier(entry.getTier()).setStatus(EntryStatus.valueOf("ENTRY_STATUS_" + entry.getStatus()))
                .setCreatedAt(timestamp(entry.getCreatedAt()));
        if (entry.getStatus().equals("WAITING")) {
            proto.setPosition(positions.of(entry));
        }
        if (entry.getHoldId() != null) {
            proto.setHoldId(entry.getHoldId().toString()).setOfferExpiresAt(timestamp(entry.getOfferExpiresAt()));
        }
        return proto.build();
    }
}
