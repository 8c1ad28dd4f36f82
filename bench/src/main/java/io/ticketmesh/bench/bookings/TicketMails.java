package io.ticketmesh.bench.bookings;

import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Report;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How long after its confirmation a booking's tickets were mailed: each booking of the showtime still confirmed is
 * matched by its reference to the tickets mail workers logged as sent ({@code notification_log}, subject "Your
 * tickets: booking <reference>"), waiting up to {@link #LIMIT} for the last. The confirmation's time is the
 * booking's last change; both times are read from the same PostgreSQL cluster's clock.
 */
final class TicketMails {
    static final Duration LIMIT = Duration.ofMinutes(3);
    private static final String SUBJECT = "Your tickets: booking ";

    private TicketMails() {}

    /** Adds {@code ticket_mail_p50_ms}, {@code ticket_mail_p99_ms} and {@code ticket_mails_unsent} (not sent within the limit). */
    static void addTo(Report report, Connection booking, Connection workers, String showtimeId) throws SQLException, InterruptedException {
        Map<String, OffsetDateTime> confirmed = confirmations(booking, showtimeId);
        Map<String, OffsetDateTime> mailed = new HashMap<>();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (mailed.size() < confirmed.size() && System.nanoTime() < deadline) {
            mailed.putAll(sent(workers, confirmed));
            if (mailed.size() < confirmed.size()) {
                Thread.sleep(500);
            }
        }
        long[] lags = mailed.entrySet().stream()
                .mapToLong(mail -> Duration.between(confirmed.get(mail.getKey()), mail.getValue()).toNanos()).sorted().toArray();
        LoadRunner.Latencies latencies = new LoadRunner.Latencies(lags);
        report.put("ticket_mail_p50_ms", latencies.percentileMillis(50)).put("ticket_mail_p99_ms", latencies.percentileMillis(99))
                .put("ticket_mails_unsent", confirmed.size() - mailed.size());
    }

    /** The references of the showtime's confirmed bookings, with when each was confirmed. */
    private static Map<String, OffsetDateTime> confirmations(Connection booking, String showtimeId) throws SQLException {
        Map<String, OffsetDateTime> confirmed = new HashMap<>();
        try (var statement = booking.prepareStatement("select reference, updated_at from bookings where showtime_id = ? and status = 'CONFIRMED'")) {
            statement.setObject(1, UUID.fromString(showtimeId));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    confirmed.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class));
                }
            }
        }
        return confirmed;
    }

    /** The references among these whose tickets mail is logged as sent (not refused), with when it went. */
    private static Map<String, OffsetDateTime> sent(Connection workers, Map<String, OffsetDateTime> confirmed) throws SQLException {
        Map<String, OffsetDateTime> mailed = new HashMap<>();
        try (var statement = workers.prepareStatement("select subject, min(sent_at) from notification_log "
                + "where kind = 'tickets' and outcome = 'SENT' and subject = any(?) group by subject")) {
            statement.setArray(1, workers.createArrayOf("text", confirmed.keySet().stream().map(reference -> SUBJECT + reference).toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    mailed.put(rows.getString(1).substring(SUBJECT.length()), rows.getObject(2, OffsetDateTime.class));
                }
            }
        }
        return mailed;
    }
}
