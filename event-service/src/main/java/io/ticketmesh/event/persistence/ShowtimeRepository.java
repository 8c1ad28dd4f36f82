package io.ticketmesh.event.persistence;

import static io.ticketmesh.event.persistence.jooq.Tables.PRICE_TIERS;
import static io.ticketmesh.event.persistence.jooq.Tables.SHOWTIMES;

import io.ticketmesh.event.persistence.jooq.tables.records.ShowtimesRecord;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.CustomerRefundStep;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Showtimes with their price tiers. */
@Repository
public class ShowtimeRepository {
    private static final String STATUS_PREFIX = "SHOWTIME_STATUS_";
    private final DSLContext dsl;

    public ShowtimeRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Showtime insert(Showtime showtime) {
        UUID id = UUID.randomUUID();
        ShowtimesRecord record = dsl.newRecord(SHOWTIMES);
        record.setId(id);
        record.setEventId(UUID.fromString(showtime.getEventId()));
        record.setOrganizationId(UUID.fromString(showtime.getOrganizationId()));
        copy(showtime, record);
        record.store();
        insertTiers(id, showtime);
        return find(id).orElseThrow();
    }

    /** Replaces the editable fields and the price tiers with those of {@code showtime}; one version further. */
    public Showtime update(UUID id, Showtime showtime) {
        ShowtimesRecord record = dsl.selectFrom(SHOWTIMES).where(SHOWTIMES.ID.eq(id)).fetchOne();
        copy(showtime, record);
        record.setVersion(record.getVersion() + 1);
        record.setUpdatedAt(OffsetDateTime.now());
        record.store();
        dsl.deleteFrom(PRICE_TIERS).where(PRICE_TIERS.SHOWTIME_ID.eq(id)).execute();
        insertTiers(id, showtime);
        return find(id).orElseThrow();
    }

    private static void copy(Showtime showtime, ShowtimesRecord record) {
        record.setVenueId(UUID.fromString(showtime.getVenueId()));
        record.setStartsAt(StoredTime.of(showtime.getStartsAt()));
        record.setEndsAt(StoredTime.of(showtime.getEndsAt()));
        record.setTimezone(showtime.getTimezone());
        record.setSalesStart(showtime.hasSalesStart() ? StoredTime.of(showtime.getSalesStart()) : null);
        record.setSalesEnd(showtime.hasSalesEnd() ? StoredTime.of(showtime.getSalesEnd()) : null);
        record.setMaxTicketsPerUser(showtime.getMaxTicketsPerUser());
        record.setTransfersClosed(showtime.getTransfersClosed());
        record.setCustomerRefundsEnd(showtime.hasCustomerRefundsEnd() ? StoredTime.of(showtime.getCustomerRefundsEnd()) : null);
        List<CustomerRefundStep> steps = showtime.getCustomerRefundStepsList().stream()
                .sorted(Comparator.comparingLong((CustomerRefundStep step) -> step.getBeforeStart().getSeconds()).reversed()).toList();
        record.setCustomerRefundStepSeconds(steps.stream().map(step -> step.getBeforeStart().getSeconds()).toArray(Long[]::new));
        record.setCustomerRefundStepPercents(steps.stream().map(CustomerRefundStep::getPercent).toArray(Integer[]::new));
    }

    private void insertTiers(UUID id, Showtime showtime) {
        for (PriceTier tier : showtime.getPriceTiersList()) {
            dsl.insertInto(PRICE_TIERS).set(PRICE_TIERS.SHOWTIME_ID, id).set(PRICE_TIERS.TIER, tier.getTier())
                    .set(PRICE_TIERS.AMOUNT_MINOR, tier.getPrice().getAmountMinor()).set(PRICE_TIERS.CURRENCY, tier.getPrice().getCurrency())
                    .set(PRICE_TIERS.DISPLAY_NAME, tier.getDisplayName()).execute();
        }
    }

    /** The showtime, locked for the rest of the transaction. */
    public Optional<Showtime> findForUpdate(UUID id) {
        return Optional.ofNullable(dsl.selectFrom(SHOWTIMES).where(SHOWTIMES.ID.eq(id)).forUpdate().fetchOne()).map(this::toProto);
    }

    public Optional<Showtime> find(UUID id) {
        return dsl.selectFrom(SHOWTIMES).where(SHOWTIMES.ID.eq(id)).fetchOptional().map(this::toProto);
    }

    /** ON_SALE, frozen on the venue revision, one version further. */
    public Showtime markPublished(UUID id, long venueRevision) {
        dsl.update(SHOWTIMES).set(SHOWTIMES.STATUS, "ON_SALE").set(SHOWTIMES.VENUE_REVISION, venueRevision)
                .set(SHOWTIMES.PUBLISHED_AT, OffsetDateTime.now()).set(SHOWTIMES.UPDATED_AT, OffsetDateTime.now())
                .set(SHOWTIMES.VERSION, SHOWTIMES.VERSION.plus(1)).where(SHOWTIMES.ID.eq(id)).execute();
        return find(id).orElseThrow();
    }

    public Showtime markCancelled(UUID id, String reason) {
        dsl.update(SHOWTIMES).set(SHOWTIMES.STATUS, "CANCELLED").set(SHOWTIMES.CANCELLED_AT, OffsetDateTime.now())
                .set(SHOWTIMES.CANCEL_REASON, reason).set(SHOWTIMES.UPDATED_AT, OffsetDateTime.now())
                .set(SHOWTIMES.VERSION, SHOWTIMES.VERSION.plus(1)).where(SHOWTIMES.ID.eq(id)).execute();
        return find(id).orElseThrow();
    }

    /** Published showtimes whose end has passed, locked; rows another transaction holds are skipped. */
    public List<UUID> finished(int limit) {
        return dsl.select(SHOWTIMES.ID).from(SHOWTIMES).where(SHOWTIMES.STATUS.in("ON_SALE", "SOLD_OUT"))
                .and(SHOWTIMES.ENDS_AT.lt(OffsetDateTime.now())).orderBy(SHOWTIMES.ENDS_AT).limit(limit)
                .forUpdate().skipLocked().fetch(SHOWTIMES.ID);
    }

    /** Moves an ON_SALE showtime to SOLD_OUT or back ({@code soldOut} false), one version further; the showtime after. */
    public Optional<Showtime> markSoldOut(UUID id, boolean soldOut) {
        int changed = dsl.update(SHOWTIMES).set(SHOWTIMES.STATUS, soldOut ? "SOLD_OUT" : "ON_SALE").set(SHOWTIMES.UPDATED_AT, OffsetDateTime.now())
                .set(SHOWTIMES.VERSION, SHOWTIMES.VERSION.plus(1)).where(SHOWTIMES.ID.eq(id))
                .and(SHOWTIMES.STATUS.eq(soldOut ? "ON_SALE" : "SOLD_OUT")).execute();
        return changed == 0 ? Optional.empty() : find(id);
    }

    public Showtime markEnded(UUID id) {
        dsl.update(SHOWTIMES).set(SHOWTIMES.STATUS, "ENDED").set(SHOWTIMES.UPDATED_AT, OffsetDateTime.now())
                .set(SHOWTIMES.VERSION, SHOWTIMES.VERSION.plus(1)).where(SHOWTIMES.ID.eq(id)).execute();
        return find(id).orElseThrow();
    }

    /** Whose showtimes a list is of: an event's, or an organization's. */
    public record Owner(Condition condition) {
        public static Owner event(UUID eventId) {
            return new Owner(SHOWTIMES.EVENT_ID.eq(eventId));
        }

        public static Owner organization(UUID organizationId) {
            return new Owner(SHOWTIMES.ORGANIZATION_ID.eq(organizationId));
        }
    }

    /**
     * A page of the owner's showtimes starting at or after {@code from}, by start time, after the cursor (null for the
     * first page); drafts only when asked for.
     */
    public List<Showtime> list(Owner owner, Instant from, boolean withDrafts, Cursor after, int limit) {
        Condition wanted = owner.condition().and(SHOWTIMES.STARTS_AT.ge(from.atOffset(ZoneOffset.UTC)));
        if (after != null) {
            wanted = wanted.and(DSL.row(SHOWTIMES.STARTS_AT, SHOWTIMES.ID).gt(after.atUtc(), after.id()));
        }
        if (!withDrafts) {
            wanted = wanted.and(SHOWTIMES.STATUS.ne("DRAFT"));
        }
        return dsl.selectFrom(SHOWTIMES).where(wanted).orderBy(SHOWTIMES.STARTS_AT, SHOWTIMES.ID).limit(limit).fetch(this::toProto);
    }

    private Showtime toProto(ShowtimesRecord r) {
        Showtime.Builder showtime = Showtime.newBuilder().setShowtimeId(r.getId().toString()).setEventId(r.getEventId().toString())
                .setOrganizationId(r.getOrganizationId().toString()).setVenueId(r.getVenueId().toString())
                .setStartsAt(StoredTime.timestamp(r.getStartsAt())).setEndsAt(StoredTime.timestamp(r.getEndsAt()))
                .setTimezone(r.getTimezone()).setMaxTicketsPerUser(r.getMaxTicketsPerUser()).setTransfersClosed(r.getTransfersClosed())
                .setStatus(ShowtimeStatus.valueOf(STATUS_PREFIX + r.getStatus()))
                .setVersion(r.getVersion())
                .setCreatedAt(StoredTime.timestamp(r.getCreatedAt())).setUpdatedAt(StoredTime.timestamp(r.getUpdatedAt()));
        if (r.getSalesStart() != null) {
            showtime.setSalesStart(StoredTime.timestamp(r.getSalesStart()));
        }
        if (r.getSalesEnd() != null) {
            showtime.setSalesEnd(StoredTime.timestamp(r.getSalesEnd()));
        }
        if (r.getCustomerRefundsEnd() != null) {
            showtime.setCustomerRefundsEnd(StoredTime.timestamp(r.getCustomerRefundsEnd()));
        }
        for (int i = 0; i < r.getCustomerRefundStepSeconds().length; i++) {
            showtime.addCustomerRefundSteps(CustomerRefundStep.newBuilder().setPercent(r.getCustomerRefundStepPercents()[i])
                    .setBeforeStart(com.google.protobuf.Duration.newBuilder().setSeconds(r.getCustomerRefundStepSeconds()[i])));
        }
        if (r.getVenueRevision() != null) {
            showtime.setVenueRevision(r.getVenueRevision());
        }
        if (r.getPublishedAt() != null) {
            showtime.setPublishedAt(StoredTime.timestamp(r.getPublishedAt()));
        }
        dsl.selectFrom(PRICE_TIERS).where(PRICE_TIERS.SHOWTIME_ID.eq(r.getId())).orderBy(PRICE_TIERS.TIER)
                .forEach(t -> showtime.addPriceTiers(PriceTier.newBuilder().setTier(t.getTier()).setDisplayName(t.getDisplayName())
                        .setPrice(Money.newBuilder().setAmountMinor(t.getAmountMinor()).setCurrency(t.getCurrency()))));
        return showtime.build();
    }
}
