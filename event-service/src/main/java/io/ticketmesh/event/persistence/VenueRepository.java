package io.ticketmesh.event.persistence;

import static io.ticketmesh.event.persistence.jooq.Tables.VENUES;
import static io.ticketmesh.event.persistence.jooq.Tables.VENUE_ROWS;
import static io.ticketmesh.event.persistence.jooq.Tables.VENUE_SEATS;
import static io.ticketmesh.event.persistence.jooq.Tables.VENUE_SECTIONS;

import io.ticketmesh.event.persistence.jooq.tables.records.VenueRowsRecord;
import io.ticketmesh.event.persistence.jooq.tables.records.VenueSeatsRecord;
import io.ticketmesh.event.persistence.jooq.tables.records.VenueSectionsRecord;
import io.ticketmesh.event.persistence.jooq.tables.records.VenuesRecord;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.event.v1.Point;
import io.ticketmesh.proto.event.v1.Row;
import io.ticketmesh.proto.event.v1.Seat;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.event.v1.SeatMap;
import io.ticketmesh.proto.event.v1.Section;
import io.ticketmesh.proto.event.v1.SectionKind;
import io.ticketmesh.proto.event.v1.Venue;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Venues with their seat maps: one row per venue, section, row and seat; seats written in batches. */
@Repository
public class VenueRepository {
    private static final int BATCH = 2_000;
    private static final String FEATURE_PREFIX = "SEAT_FEATURE_";

    private final DSLContext dsl;

    public VenueRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores a new venue, giving every section, row and seat its id; returns the stored venue. */
    public Venue insert(UUID organizationId, Venue venue, int capacity) {
        UUID venueId = UUID.randomUUID();
        VenuesRecord stored = dsl.insertInto(VENUES)
                .set(VENUES.ID, venueId).set(VENUES.ORGANIZATION_ID, organizationId)
                .set(VENUES.NAME, venue.getName()).set(VENUES.CITY, venue.getCity()).set(VENUES.ADDRESS, venue.getAddress())
                .set(VENUES.COUNTRY_CODE, venue.getCountryCode()).set(VENUES.TIMEZONE, venue.getTimezone())
                .set(VENUES.CAPACITY, capacity)
                .set(VENUES.STAGE_X, venue.getSeatMap().hasStage() ? venue.getSeatMap().getStage().getX() : null)
                .set(VENUES.STAGE_Y, venue.getSeatMap().hasStage() ? venue.getSeatMap().getStage().getY() : null)
                .returning().fetchOne();
        List<VenueSectionsRecord> sections = new ArrayList<>();
        List<VenueRowsRecord> rows = new ArrayList<>();
        List<VenueSeatsRecord> seats = new ArrayList<>();
        for (int s = 0; s < venue.getSeatMap().getSectionsCount(); s++) {
            Section section = venue.getSeatMap().getSections(s);
            UUID sectionId = UUID.randomUUID();
            sections.add(new VenueSectionsRecord(sectionId, venueId, s, section.getName(), kindName(section.getKind()),
                    section.getCapacity(), section.getDefaultTier()));
            for (int r = 0; r < section.getRowsCount(); r++) {
                Row row = section.getRows(r);
                UUID rowId = UUID.randomUUID();
                rows.add(new VenueRowsRecord(rowId, sectionId, r, row.getLabel()));
                for (int n = 0; n < row.getSeatsCount(); n++) {
                    Seat seat = row.getSeats(n);
                    seats.add(new VenueSeatsRecord(UUID.randomUUID(), rowId, n, seat.getLabel(), seat.getX(), seat.getY(),
                            seat.getTier(), seat.getFeaturesList().stream().map(f -> f.name().substring(FEATURE_PREFIX.length())).toArray(String[]::new)));
                }
            }
        }
        insertInBatches(sections);
        insertInBatches(rows);
        insertInBatches(seats);
        return find(stored.getId()).orElseThrow();
    }

    private void insertInBatches(List<? extends org.jooq.TableRecord<?>> records) {
        for (int from = 0; from < records.size(); from += BATCH) {
            dsl.batchInsert(records.subList(from, Math.min(records.size(), from + BATCH))).execute();
        }
    }

    /** The venue with its whole map, sections, rows and seats in drawing order. */
    public Optional<Venue> find(UUID venueId) {
        VenuesRecord venue = dsl.selectFrom(VENUES).where(VENUES.ID.eq(venueId)).fetchOne();
        if (venue == null) {
            return Optional.empty();
        }
        Map<UUID, Section.Builder> sections = new LinkedHashMap<>();
        dsl.selectFrom(VENUE_SECTIONS).where(VENUE_SECTIONS.VENUE_ID.eq(venueId)).orderBy(VENUE_SECTIONS.POSITION)
                .forEach(s -> sections.put(s.getId(), Section.newBuilder().setSectionId(s.getId().toString()).setName(s.getName())
                        .setKind(SectionKind.valueOf("SECTION_KIND_" + s.getKind())).setCapacity(s.getCapacity())
                        .setDefaultTier(s.getDefaultTier())));
        Map<UUID, Row.Builder> rows = new LinkedHashMap<>();
        Map<UUID, UUID> sectionOfRow = new LinkedHashMap<>();
        dsl.select(VENUE_ROWS.fields()).from(VENUE_ROWS).join(VENUE_SECTIONS).on(VENUE_SECTIONS.ID.eq(VENUE_ROWS.SECTION_ID))
                .where(VENUE_SECTIONS.VENUE_ID.eq(venueId)).orderBy(VENUE_ROWS.SECTION_ID, VENUE_ROWS.POSITION)
                .forEach(r -> {
                    UUID rowId = r.get(VENUE_ROWS.ID);
                    rows.put(rowId, Row.newBuilder().setRowId(rowId.toString()).setLabel(r.get(VENUE_ROWS.LABEL)));
                    sectionOfRow.put(rowId, r.get(VENUE_ROWS.SECTION_ID));
                });
        dsl.select(VENUE_SEATS.fields()).from(VENUE_SEATS).join(VENUE_ROWS).on(VENUE_ROWS.ID.eq(VENUE_SEATS.ROW_ID))
                .join(VENUE_SECTIONS).on(VENUE_SECTIONS.ID.eq(VENUE_ROWS.SECTION_ID))
                .where(VENUE_SECTIONS.VENUE_ID.eq(venueId)).orderBy(VENUE_SEATS.ROW_ID, VENUE_SEATS.POSITION)
                .forEach(seat -> rows.get(seat.get(VENUE_SEATS.ROW_ID)).addSeats(toSeat(seat)));
        rows.forEach((rowId, row) -> sections.get(sectionOfRow.get(rowId)).addRows(row));
        SeatMap.Builder map = SeatMap.newBuilder();
        if (venue.getStageX() != null) {
            map.setStage(Point.newBuilder().setX(venue.getStageX()).setY(venue.getStageY()));
        }
        sections.values().forEach(map::addSections);
        return Optional.of(summary(venue).setSeatMap(map).build());
    }

    /** The venue without its seat map, as listings show it. */
    public Optional<Venue> findBasic(UUID venueId) {
        return dsl.selectFrom(VENUES).where(VENUES.ID.eq(venueId)).fetchOptional(venue -> summary(venue).build());
    }

    /** As {@link #findBasic}, the row locked until the transaction ends: a change reads what it changes. */
    public Optional<Venue> findBasicForUpdate(UUID venueId) {
        return dsl.selectFrom(VENUES).where(VENUES.ID.eq(venueId)).forUpdate().fetchOptional(venue -> summary(venue).build());
    }

    /** Replaces the venue's name, city, address and country with those of {@code details}, one revision further. */
    public Venue updateDetails(UUID venueId, Venue details) {
        return dsl.update(VENUES).set(VENUES.NAME, details.getName()).set(VENUES.CITY, details.getCity())
                .set(VENUES.ADDRESS, details.getAddress()).set(VENUES.COUNTRY_CODE, details.getCountryCode())
                .set(VENUES.REVISION, VENUES.REVISION.plus(1)).set(VENUES.UPDATED_AT, OffsetDateTime.now())
                .where(VENUES.ID.eq(venueId)).returning().fetchOne(venue -> summary(venue).build());
    }

    /** A venue's name and city, for listings. */
    public record VenueLabel(String name, String city) {}

    public Optional<VenueLabel> label(UUID venueId) {
        return dsl.select(VENUES.NAME, VENUES.CITY).from(VENUES).where(VENUES.ID.eq(venueId))
                .fetchOptional(r -> new VenueLabel(r.value1(), r.value2()));
    }

    /** What a showtime needs to know about its venue: owner, revision, time zone, capacity and the tiers in use. */
    public record VenueFacts(UUID organizationId, long revision, String timezone, int capacity, String name, String city,
                             java.util.Set<String> tiersInUse) {}

    public Optional<VenueFacts> facts(UUID venueId) {
        VenuesRecord venue = dsl.selectFrom(VENUES).where(VENUES.ID.eq(venueId)).fetchOne();
        if (venue == null) {
            return Optional.empty();
        }
        var seatTiers = dsl.selectDistinct(org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.nullif(VENUE_SEATS.TIER, ""), VENUE_SECTIONS.DEFAULT_TIER))
                .from(VENUE_SEATS).join(VENUE_ROWS).on(VENUE_ROWS.ID.eq(VENUE_SEATS.ROW_ID))
                .join(VENUE_SECTIONS).on(VENUE_SECTIONS.ID.eq(VENUE_ROWS.SECTION_ID))
                .where(VENUE_SECTIONS.VENUE_ID.eq(venueId)).fetch(r -> r.value1());
        var standingTiers = dsl.select(VENUE_SECTIONS.DEFAULT_TIER).from(VENUE_SECTIONS)
                .where(VENUE_SECTIONS.VENUE_ID.eq(venueId).and(VENUE_SECTIONS.KIND.eq("STANDING"))).fetch(r -> r.value1());
        java.util.Set<String> tiers = new java.util.TreeSet<>(seatTiers);
        tiers.addAll(standingTiers);
        return Optional.of(new VenueFacts(venue.getOrganizationId(), venue.getRevision(), venue.getTimezone(), venue.getCapacity(),
                venue.getName(), venue.getCity(), tiers));
    }

    /** One seat with where it is, for a showtime's seat list. */
    public record PlacedSeat(UUID seatId, UUID sectionId, String sectionName, String rowLabel, String seatLabel, int positionInRow,
                             int rowIndex, String tier, List<String> features, double x, double y) {}

    /** A page of the venue's seats in drawing order (section, row, seat), each with its effective tier. */
    public List<PlacedSeat> seats(UUID venueId, int offset, int limit) {
        var tier = org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.nullif(VENUE_SEATS.TIER, ""), VENUE_SECTIONS.DEFAULT_TIER);
        return dsl.select(VENUE_SEATS.ID, VENUE_SECTIONS.ID, VENUE_SECTIONS.NAME, VENUE_ROWS.LABEL, VENUE_SEATS.LABEL,
                        VENUE_SEATS.POSITION, VENUE_ROWS.POSITION, tier, VENUE_SEATS.FEATURES, VENUE_SEATS.X, VENUE_SEATS.Y)
                .from(VENUE_SEATS).join(VENUE_ROWS).on(VENUE_ROWS.ID.eq(VENUE_SEATS.ROW_ID))
                .join(VENUE_SECTIONS).on(VENUE_SECTIONS.ID.eq(VENUE_ROWS.SECTION_ID))
                .where(VENUE_SECTIONS.VENUE_ID.eq(venueId))
                .orderBy(VENUE_SECTIONS.POSITION, VENUE_ROWS.POSITION, VENUE_SEATS.POSITION)
                .offset(offset).limit(limit)
                .fetch(r -> new PlacedSeat(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8(), List.of(r.value9()), r.value10(), r.value11()));
    }

    public int seatCount(UUID venueId) {
        return dsl.fetchCount(dsl.select(VENUE_SEATS.ID).from(VENUE_SEATS).join(VENUE_ROWS).on(VENUE_ROWS.ID.eq(VENUE_SEATS.ROW_ID))
                .join(VENUE_SECTIONS).on(VENUE_SECTIONS.ID.eq(VENUE_ROWS.SECTION_ID)).where(VENUE_SECTIONS.VENUE_ID.eq(venueId)));
    }

    /** The venue's standing sections: id, name, capacity, tier. */
    public List<VenueSectionsRecord> standingSections(UUID venueId) {
        return dsl.selectFrom(VENUE_SECTIONS).where(VENUE_SECTIONS.VENUE_ID.eq(venueId).and(VENUE_SECTIONS.KIND.eq("STANDING")))
                .orderBy(VENUE_SECTIONS.POSITION).fetch();
    }

    /** Where the stage is, if the map says. */
    public Optional<double[]> stage(UUID venueId) {
        VenuesRecord venue = dsl.selectFrom(VENUES).where(VENUES.ID.eq(venueId)).fetchOne();
        return venue == null || venue.getStageX() == null ? Optional.empty() : Optional.of(new double[] {venue.getStageX(), venue.getStageY()});
    }

    /** An organization's venues without seat maps, newest first, after the keyset cursor. */
    public List<Venue> list(UUID organizationId, Cursor after, int limit) {
        var query = dsl.selectFrom(VENUES).where(VENUES.ORGANIZATION_ID.eq(organizationId));
        if (after != null) {
            query = query.and(org.jooq.impl.DSL.row(VENUES.CREATED_AT, VENUES.ID).lessThan(after.atUtc(), after.id()));
        }
        return query.orderBy(VENUES.CREATED_AT.desc(), VENUES.ID.desc()).limit(limit).fetch(v -> summary(v).build());
    }

    private static Seat toSeat(Record seat) {
        Seat.Builder builder = Seat.newBuilder().setSeatId(seat.get(VENUE_SEATS.ID).toString()).setLabel(seat.get(VENUE_SEATS.LABEL))
                .setX(seat.get(VENUE_SEATS.X)).setY(seat.get(VENUE_SEATS.Y)).setTier(seat.get(VENUE_SEATS.TIER));
        for (String feature : seat.get(VENUE_SEATS.FEATURES)) {
            builder.addFeatures(SeatFeature.valueOf(FEATURE_PREFIX + feature));
        }
        return builder.build();
    }

    private static Venue.Builder summary(VenuesRecord v) {
        return Venue.newBuilder().setVenueId(v.getId().toString()).setOrganizationId(v.getOrganizationId().toString())
                .setName(v.getName()).setCity(v.getCity()).setAddress(v.getAddress()).setCountryCode(v.getCountryCode())
                .setTimezone(v.getTimezone()).setCapacity(v.getCapacity()).setRevision(v.getRevision())
                .setCreatedAt(StoredTime.timestamp(v.getCreatedAt())).setUpdatedAt(StoredTime.timestamp(v.getUpdatedAt()));
    }

    private static String kindName(SectionKind kind) {
        return kind.name().substring("SECTION_KIND_".length());
    }

}
