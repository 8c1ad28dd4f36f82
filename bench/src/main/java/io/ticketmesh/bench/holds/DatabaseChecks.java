package io.ticketmesh.bench.holds;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** What the ticket database says after a run: seats in two holds at once, or sold twice. */
final class DatabaseChecks {
    private DatabaseChecks() {}

    /** Seats in two active holds, plus seats an active hold claims but does not hold. */
    static long doubleHeld(Connection c, String showtimeId) throws SQLException {
        return count(c, "select count(*) from (select seat from holds, unnest(seat_ids) seat where showtime_id = ? "
                + "and status = 'ACTIVE' group by seat having count(*) > 1) twice", showtimeId)
                + count(c, "select count(*) from holds h, unnest(h.seat_ids) seat where h.showtime_id = ? and h.status = 'ACTIVE' "
                + "and not exists (select 1 from seats s where s.showtime_id = h.showtime_id and s.seat_id = seat and s.hold_id = h.id)",
                showtimeId);
    }

    /** Seats in two confirmed holds (two bookings). */
    static long doubleSold(Connection c, String showtimeId) throws SQLException {
        return count(c, "select count(*) from (select seat from holds, unnest(seat_ids) seat where showtime_id = ? "
                + "and status = 'CONFIRMED' group by seat having count(*) > 1) twice", showtimeId);
    }

    private static long count(Connection c, String sql, String showtimeId) throws SQLException {
        try (var statement = c.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(showtimeId));
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
