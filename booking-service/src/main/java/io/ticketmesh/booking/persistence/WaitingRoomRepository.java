package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.WAITING_ROOMS;
import static io.ticketmesh.booking.persistence.jooq.Tables.WAITING_ROOM_PLACES;

import io.ticketmesh.booking.persistence.jooq.Sequences;
import io.ticketmesh.booking.persistence.jooq.tables.records.WaitingRoomPlacesRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.WaitingRoomsRecord;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Waiting rooms and the places in them. */
@Repository
public class WaitingRoomRepository {
    /** Queue keys of arrivals after the opening start here, above every key drawn before it. */
    public static final long LATE_ARRIVALS = 1L << 62;
    private final DSLContext dsl;

    public WaitingRoomRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<WaitingRoomsRecord> room(UUID showtimeId) {
        return dsl.selectFrom(WAITING_ROOMS).where(WAITING_ROOMS.SHOWTIME_ID.eq(showtimeId)).fetchOptional();
    }

    public Optional<WaitingRoomsRecord> roomForUpdate(UUID showtimeId) {
        return dsl.selectFrom(WAITING_ROOMS).where(WAITING_ROOMS.SHOWTIME_ID.eq(showtimeId)).forUpdate().fetchOptional();
    }

    public WaitingRoomsRecord newRoom() {
        return dsl.newRecord(WAITING_ROOMS);
    }

    public Optional<WaitingRoomPlacesRecord> place(UUID showtimeId, String userId) {
        return dsl.selectFrom(WAITING_ROOM_PLACES).where(WAITING_ROOM_PLACES.SHOWTIME_ID.eq(showtimeId))
                .and(WAITING_ROOM_PLACES.USER_ID.eq(userId)).fetchOptional();
    }

    /**
     * Puts the customer in the room: before the opening at {@code earlyKey} (a draw) with no rank yet, after it behind
     * everyone with {@code rank}. A customer already in keeps their place, unless their admission lapsed and this is
     * another request: then they take the new one.
     */
    public void enter(UUID showtimeId, String userId, String requestId, Long earlyKey, Long rank, OffsetDateTime now) {
        Field<Long> key = earlyKey != null ? DSL.val(earlyKey) : DSL.val(LATE_ARRIVALS).plus(Sequences.WAITING_ROOM_ARRIVALS.nextval());
        dsl.insertInto(WAITING_ROOM_PLACES).set(WAITING_ROOM_PLACES.SHOWTIME_ID, showtimeId).set(WAITING_ROOM_PLACES.USER_ID, userId)
                .set(WAITING_ROOM_PLACES.QUEUE_KEY, key).set(WAITING_ROOM_PLACES.REQUEST_ID, requestId).set(WAITING_ROOM_PLACES.JOINED_AT, now)
                .set(WAITING_ROOM_PLACES.QUEUE_RANK, rank)
                .onConflict(WAITING_ROOM_PLACES.SHOWTIME_ID, WAITING_ROOM_PLACES.USER_ID).doUpdate()
                .set(WAITING_ROOM_PLACES.QUEUE_KEY, DSL.excluded(WAITING_ROOM_PLACES.QUEUE_KEY))
                .set(WAITING_ROOM_PLACES.REQUEST_ID, DSL.excluded(WAITING_ROOM_PLACES.REQUEST_ID))
                .set(WAITING_ROOM_PLACES.JOINED_AT, DSL.excluded(WAITING_ROOM_PLACES.JOINED_AT))
                .set(WAITING_ROOM_PLACES.QUEUE_RANK, DSL.excluded(WAITING_ROOM_PLACES.QUEUE_RANK))
                .setNull(WAITING_ROOM_PLACES.ADMITTED_AT).setNull(WAITING_ROOM_PLACES.ADMISSION_EXPIRES_AT)
                .where(WAITING_ROOM_PLACES.ADMISSION_EXPIRES_AT.le(now)).and(WAITING_ROOM_PLACES.REQUEST_ID.ne(DSL.excluded(WAITING_ROOM_PLACES.REQUEST_ID)))
                .execute();
    }

    /**
     * Ranks the room's early arrivals in the order they drew, once: the first caller after the opening does it in
     * one statement, under the room's row lock, and later arrivals are ranked after them. Runs in the caller's
     * transaction.
     */
    public void rankEarlyArrivals(UUID showtimeId) {
        WaitingRoomsRecord room = roomForUpdate(showtimeId).orElseThrow();
        if (room.getRanked()) {
            return;
        }
        int ranked = dsl.execute("""
                update waiting_room_places p set queue_rank = drawn.rank
                from (select user_id, row_number() over (order by queue_key) as rank
                      from waiting_room_places where showtime_id = ?) drawn
                where p.showtime_id = ? and p.user_id = drawn.user_id""", showtimeId, showtimeId);
        dsl.update(WAITING_ROOMS).set(WAITING_ROOMS.RANKED, true).set(WAITING_ROOMS.RANKED_PLACES, (long) ranked)
                .where(WAITING_ROOMS.SHOWTIME_ID.eq(showtimeId)).execute();
    }

    /** The next rank of the room, after every place ranked so far (early arrivals ranked first). In the caller's transaction. */
    public long nextRank(UUID showtimeId) {
        rankEarlyArrivals(showtimeId);
        return dsl.update(WAITING_ROOMS).set(WAITING_ROOMS.RANKED_PLACES, WAITING_ROOMS.RANKED_PLACES.plus(1L))
                .where(WAITING_ROOMS.SHOWTIME_ID.eq(showtimeId)).returning(WAITING_ROOMS.RANKED_PLACES).fetchOne(WAITING_ROOMS.RANKED_PLACES);
    }

    /** Gives a place that has none the rank. */
    public void rank(WaitingRoomPlacesRecord place, long rank) {
        dsl.update(WAITING_ROOM_PLACES).set(WAITING_ROOM_PLACES.QUEUE_RANK, rank).where(placeOf(place))
                .and(WAITING_ROOM_PLACES.QUEUE_RANK.isNull()).execute();
    }

    /** How many are in the room. */
    public long places(UUID showtimeId) {
        return dsl.fetchCount(WAITING_ROOM_PLACES, WAITING_ROOM_PLACES.SHOWTIME_ID.eq(showtimeId));
    }

    /** Admits a place until {@code expiresAt}; the place as it is after, admitted now or before. */
    public WaitingRoomPlacesRecord admit(WaitingRoomPlacesRecord place, OffsetDateTime now, OffsetDateTime expiresAt) {
        return dsl.update(WAITING_ROOM_PLACES).set(WAITING_ROOM_PLACES.ADMITTED_AT, now).set(WAITING_ROOM_PLACES.ADMISSION_EXPIRES_AT, expiresAt)
                .where(placeOf(place)).and(WAITING_ROOM_PLACES.ADMITTED_AT.isNull()).returning().fetchOptional()
                .orElseGet(() -> place(place.getShowtimeId(), place.getUserId()).orElseThrow());
    }

    /** People in the room not admitted yet. */
    public long waiting(UUID showtimeId) {
        return dsl.fetchCount(WAITING_ROOM_PLACES, WAITING_ROOM_PLACES.SHOWTIME_ID.eq(showtimeId).and(WAITING_ROOM_PLACES.ADMITTED_AT.isNull()));
    }

    private static Condition placeOf(WaitingRoomPlacesRecord place) {
        return WAITING_ROOM_PLACES.SHOWTIME_ID.eq(place.getShowtimeId()).and(WAITING_ROOM_PLACES.USER_ID.eq(place.getUserId()));
    }
}
