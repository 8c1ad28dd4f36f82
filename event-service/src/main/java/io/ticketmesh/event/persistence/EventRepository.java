package io.ticketmesh.event.persistence;

import static io.ticketmesh.event.persistence.jooq.Tables.EVENTS;
import static io.ticketmesh.event.persistence.jooq.Tables.SHOWTIMES;

import com.google.protobuf.Duration;
import io.ticketmesh.event.persistence.jooq.tables.records.EventsRecord;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.event.v1.Event;
import io.ticketmesh.proto.event.v1.EventCategory;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Events in the catalog. */
@Repository
public class EventRepository {
    private static final String CATEGORY_PREFIX = "EVENT_CATEGORY_";
    private final DSLContext dsl;

    public EventRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Event insert(UUID organizationId, Event event) {
        EventsRecord record = dsl.newRecord(EVENTS);
        record.setId(UUID.randomUUID());
        record.setOrganizationId(organizationId);
        copy(event, record);
        record.store();
        record.refresh();
        return toProto(record);
    }

    /** Replaces the editable fields with those of {@code event}, in one statement (the caller read the row locked). */
    public Event update(UUID eventId, Event event) {
        EventsRecord changes = new EventsRecord();
        copy(event, changes);
        changes.setUpdatedAt(OffsetDateTime.now());
        return dsl.update(EVENTS).set(changes).where(EVENTS.ID.eq(eventId)).returning().fetchOne(EventRepository::toProto);
    }

    public Optional<Event> find(UUID eventId) {
        return dsl.selectFrom(EVENTS).where(EVENTS.ID.eq(eventId)).fetchOptional().map(EventRepository::toProto);
    }

    /** As {@link #find}, the row locked until the transaction ends: a change reads what it changes. */
    public Optional<Event> findForUpdate(UUID eventId) {
        return dsl.selectFrom(EVENTS).where(EVENTS.ID.eq(eventId)).forUpdate().fetchOptional().map(EventRepository::toProto);
    }

    /** The events with these ids, by id. */
    public Map<UUID, Event> findAll(Collection<UUID> eventIds) {
        return dsl.selectFrom(EVENTS).where(EVENTS.ID.in(eventIds)).fetchMap(EVENTS.ID, EventRepository::toProto);
    }

    /**
     * A page of the organization's events, newest first, after the cursor (null for the first page); without drafts,
     * only events with a showtime out of DRAFT.
     */
    public List<Event> list(UUID organizationId, boolean withDrafts, Cursor after, int limit) {
        Condition wanted = EVENTS.ORGANIZATION_ID.eq(organizationId);
        if (after != null) {
            wanted = wanted.and(DSL.row(EVENTS.CREATED_AT, EVENTS.ID).lessThan(after.atUtc(), after.id()));
        }
        if (!withDrafts) {
            wanted = wanted.andExists(DSL.selectOne().from(SHOWTIMES)
                    .where(SHOWTIMES.EVENT_ID.eq(EVENTS.ID), SHOWTIMES.STATUS.ne("DRAFT")));
        }
        return dsl.selectFrom(EVENTS).where(wanted).orderBy(EVENTS.CREATED_AT.desc(), EVENTS.ID.desc()).limit(limit)
                .fetch(EventRepository::toProto);
    }

    private static void copy(Event event, EventsRecord record) {
        record.setTitle(event.getTitle());
        record.setDescription(event.getDescription());
        record.setCategory(event.getCategory().name().substring(CATEGORY_PREFIX.length()));
        record.setGenre(event.getGenre());
        record.setDurationSeconds((int) event.getDuration().getSeconds());
        record.setLanguage(event.getLanguage());
        record.setAgeRating(event.getAgeRating());
        record.setImageUrls(event.getImageUrlsList().toArray(String[]::new));
    }

    static Event toProto(EventsRecord r) {
        return Event.newBuilder().setEventId(r.getId().toString()).setOrganizationId(r.getOrganizationId().toString())
                .setTitle(r.getTitle()).setDescription(r.getDescription())
                .setCategory(EventCategory.valueOf(CATEGORY_PREFIX + r.getCategory())).setGenre(r.getGenre())
                .setDuration(Duration.newBuilder().setSeconds(r.getDurationSeconds())).setLanguage(r.getLanguage())
                .setAgeRating(r.getAgeRating()).addAllImageUrls(Arrays.asList(r.getImageUrls()))
                .setCreatedAt(StoredTime.timestamp(r.getCreatedAt())).setUpdatedAt(StoredTime.timestamp(r.getUpdatedAt()))
                .build();
    }
}
