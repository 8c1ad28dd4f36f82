package io.ticketmesh.booking.persistence;

import static io.ticketmesh.booking.persistence.jooq.Tables.BOOKINGS;
import static io.ticketmesh.booking.persistence.jooq.Tables.BOOKING_MOVE_NOTICES;
import static io.ticketmesh.booking.persistence.jooq.Tables.SHOWTIME_MOVES;

import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.ShowtimeMovesRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Moves of showtimes, and which kept bookings were told of each. */
@Repository
public class ShowtimeMoveRepository {
    private final DSLContext dsl;

    public ShowtimeMoveRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records the move (once a version: a redelivered or repeated event changes nothing). */
    public void record(UUID showtimeId, long version, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        dsl.insertInto(SHOWTIME_MOVES).set(SHOWTIME_MOVES.SHOWTIME_ID, showtimeId).set(SHOWTIME_MOVES.VERSION, version)
                .set(SHOWTIME_MOVES.STARTS_AT, startsAt).set(SHOWTIME_MOVES.ENDS_AT, endsAt).onConflictDoNothing().execute();
    }

    /** Whether the showtime was moved after {@code since} (a booking made before a move may be cancelled until the new start). */
    public boolean movedAfter(UUID showtimeId, OffsetDateTime since) {
        return dsl.fetchExists(SHOWTIME_MOVES, SHOWTIME_MOVES.SHOWTIME_ID.eq(showtimeId).and(SHOWTIME_MOVES.MOVED_AT.gt(since)));
    }

    /** Moves whose bookings are not all told yet, oldest first. */
    public List<ShowtimeMovesRecord> untold(int limit) {
        return dsl.selectFrom(SHOWTIME_MOVES).where(SHOWTIME_MOVES.TOLD.isFalse()).orderBy(SHOWTIME_MOVES.MOVED_AT).limit(limit).fetch();
    }

    /**
     * Kept bookings made before the move and not told of it, locked; those another transaction is changing are skipped
     * (told by a later sweep, {@link #anyUntold} still finds them).
     */
    public List<BookingsRecord> untoldBookings(ShowtimeMovesRecord move, int limit) {
        return dsl.selectFrom(BOOKINGS).where(untoldOf(move)).orderBy(BOOKINGS.ID).limit(limit).forUpdate().skipLocked().fetch();
    }

    /**
     * Whether the move has bookings still to tell: kept ones not told, or ones made before it whose saga is still running
     * (a 3-D Secure challenge pending), to be told once they are kept.
     */
    public boolean anyUntold(ShowtimeMovesRecord move) {
        return dsl.fetchExists(BOOKINGS, untoldOf(move)) || dsl.fetchExists(BOOKINGS, BOOKINGS.SHOWTIME_ID.eq(move.getShowtimeId())
                .and(BOOKINGS.STATUS.in(DSL.inline("PENDING"), DSL.inline("REQUIRES_ACTION"))).and(BOOKINGS.CREATED_AT.lt(move.getMovedAt())));
    }

    public void told(UUID bookingId, long showtimeVersion) {
        dsl.insertInto(BOOKING_MOVE_NOTICES).set(BOOKING_MOVE_NOTICES.BOOKING_ID, bookingId)
                .set(BOOKING_MOVE_NOTICES.SHOWTIME_VERSION, showtimeVersion).execute();
    }

    public void allTold(ShowtimeMovesRecord move) {
        dsl.update(SHOWTIME_MOVES).set(SHOWTIME_MOVES.TOLD, true).where(SHOWTIME_MOVES.SHOWTIME_ID.eq(move.getShowtimeId()))
                .and(SHOWTIME_MOVES.VERSION.eq(move.getVersion())).execute();
    }

    /** Kept bookings (the states inlined, for the partial index of kept bookings by showtime) made before the move, not told of it. */
    private static Condition untoldOf(ShowtimeMovesRecord move) {
        return BOOKINGS.SHOWTIME_ID.eq(move.getShowtimeId())
                .and(BOOKINGS.STATUS.in(DSL.inline("CONFIRMED"), DSL.inline("PARTIALLY_CANCELLED")))
                .and(BOOKINGS.CREATED_AT.lt(move.getMovedAt()))
                .andNotExists(DSL.selectOne().from(BOOKING_MOVE_NOTICES).where(BOOKING_MOVE_NOTICES.BOOKING_ID.eq(BOOKINGS.ID))
                        .and(BOOKING_MOVE_NOTICES.SHOWTIME_VERSION.eq(move.getVersion())));
    }
}
