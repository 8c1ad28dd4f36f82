package io.ticketmesh.reconciliation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads booking-service's bookings, the card provider's own books (payment database) and ticket-service's seats
 * and tickets, and names every booking on which they disagree: money kept for a booking that did not confirm, a
 * confirmed booking charged a different amount, tickets or sold seats that do not match its live items, a seat
 * sold to no confirmed booking, a seat still HELD past its hold's expiry. Used after a benchmark run and after the
 * fault tests; the three databases are separate, so the join happens here.
 */
public final class Reconciliation {
    private static final Set<String> KEPT = Set.of("CONFIRMED", "PARTIALLY_CANCELLED");

    /** What the books say. {@code problems} names each disagreement; empty when everything reconciles. */
    public record Findings(int bookings, int confirmed, int failed, int unsettled, int doubleCharged, List<String> problems) {
        public int unreconciled() {
            return problems.size();
        }
    }

    /** @param due what the card provider should keep for it (nothing for a box office sale, paid at the counter) */
    private record Booking(String status, boolean settled, long due, long liveItems) {}

    private record Charges(long captured, long net) {}

    private Reconciliation() {}

    /** Checks one showtime's bookings, or every booking when {@code showtimeId} is null. */
    public static Findings check(Connection bookingDb, Connection paymentDb, Connection ticketDb, UUID showtimeId) throws SQLException {
        Map<UUID, Booking> bookings = bookings(bookingDb, showtimeId);
        UUID[] ids = bookings.keySet().toArray(UUID[]::new);
        Map<UUID, Charges> charges = charges(paymentDb, ids);
        Map<UUID, Long> tickets = countBy(ticketDb, "select booking_id, count(*) from tickets where booking_id = any(?) "
                + "and status in ('VALID', 'CHECKED_IN') group by booking_id", ids);
        Map<UUID, Long> sold = countBy(ticketDb, "select booking_id, count(*) from seats where booking_id = any(?) group by booking_id", ids);
        List<String> problems = new ArrayList<>();
        int doubleCharged = 0;
        int confirmed = 0;
        int failed = 0;
        int unsettled = 0;
        for (var entry : bookings.entrySet()) {
            UUID id = entry.getKey();
            Booking booking = entry.getValue();
            Charges charged = charges.getOrDefault(id, new Charges(0, 0));
            if (charged.captured() > 1) {
                doubleCharged++;
                problems.add(id + ": captured by " + charged.captured() + " provider charges");
            }
            if (!booking.settled()) {
                unsettled++;
                continue;
            }
            boolean kept = KEPT.contains(booking.status());
            confirmed += kept ? 1 : 0;
            failed += booking.status().equals("FAILED") ? 1 : 0;
            long expectedSeats = kept ? booking.liveItems() : 0;
            if (charged.net() != (kept ? booking.due() : 0)) {
                problems.add(id + ": " + booking.status() + " owes " + (kept ? booking.due() : 0) + " but the provider kept " + charged.net());
            }
            if (tickets.getOrDefault(id, 0L) != expectedSeats) {
                problems.add(id + ": " + booking.status() + " with " + tickets.getOrDefault(id, 0L) + " valid tickets, expected " + expectedSeats);
            }
            if (sold.getOrDefault(id, 0L) != expectedSeats) {
                problems.add(id + ": " + booking.status() + " with " + sold.getOrDefault(id, 0L) + " sold seats, expected " + expectedSeats);
            }
        }
        problems.addAll(strandedSeats(ticketDb, showtimeId, bookings.keySet()));
        return new Findings(bookings.size(), confirmed, failed, unsettled, doubleCharged, problems);
    }

    private static Map<UUID, Booking> bookings(Connection db, UUID showtimeId) throws SQLException {
        // a box office sale is paid at the counter: the provider owes nothing for it
        String sql = "select b.id, b.status, b.saga_state = 'DONE', "
                + "case when b.box_office_payment is null then b.total_minor - b.refunded_minor else 0 end, "
                + "count(i.id) filter (where not i.cancelled) from bookings b join booking_items i on i.booking_id = b.id "
                + (showtimeId == null ? "" : "where b.showtime_id = ? ") + "group by b.id";
        Map<UUID, Booking> bookings = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (showtimeId != null) {
                statement.setObject(1, showtimeId);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    bookings.put(rows.getObject(1, UUID.class), new Booking(rows.getString(2), rows.getBoolean(3), rows.getLong(4), rows.getLong(5)));
                }
            }
        }
        return bookings;
    }

    /** The provider's books (not ours): how many of the booking's charges were captured, and what it kept. */
    private static Map<UUID, Charges> charges(Connection db, UUID[] bookingIds) throws SQLException {
        Map<UUID, Charges> charges = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement("select p.booking_id, count(*) filter (where c.captured_minor > 0), "
                + "coalesce(sum(c.captured_minor - c.refunded_minor), 0) from payments p "
                + "join provider_charges c on c.idempotency_key = p.id::text where p.booking_id = any(?) group by p.booking_id")) {
            statement.setArray(1, db.createArrayOf("uuid", bookingIds));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    charges.put(rows.getObject(1, UUID.class), new Charges(rows.getLong(2), rows.getLong(3)));
                }
            }
        }
        return charges;
    }

    private static Map<UUID, Long> countBy(Connection db, String sql, UUID[] bookingIds) throws SQLException {
        Map<UUID, Long> counts = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("uuid", bookingIds));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getObject(1, UUID.class), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Seats sold to a booking booking-service does not know, and seats HELD well past their hold's expiry. */
    private static List<String> strandedSeats(Connection db, UUID showtimeId, Set<UUID> knownBookings) throws SQLException {
        List<String> problems = new ArrayList<>();
        String filter = showtimeId == null ? "" : " and s.showtime_id = ?";
        try (PreparedStatement statement = db.prepareStatement("select s.seat_id, s.booking_id from seats s where s.state = 'SOLD'" + filter)) {
            if (showtimeId != null) {
                statement.setObject(1, showtimeId);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (!knownBookings.contains(rows.getObject(2, UUID.class))) {
                        problems.add("seat " + rows.getObject(1) + " sold to unknown booking " + rows.getObject(2));
                    }
                }
            }
        }
        // the sweeper runs every few seconds; a minute past expiry is stuck
        try (PreparedStatement statement = db.prepareStatement("select s.seat_id from seats s join holds h on h.id = s.hold_id "
                + "where s.state = 'HELD' and h.expires_at < now() - interval '1 minute'" + filter)) {
            if (showtimeId != null) {
                statement.setObject(1, showtimeId);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    problems.add("seat " + rows.getObject(1) + " still HELD a minute past its hold's expiry");
                }
            }
        }
        return problems;
    }
}
