package io.ticketmesh.bench.local;

import io.ticketmesh.bench.Report;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the measured window cost PostgreSQL per operation, a figure that does not move with the machine's speed as
 * throughput does: the transactions that ended in each service's database ({@code pg_stat_database}, commits plus
 * rollbacks, read-only ones included) and the WAL the whole cluster wrote ({@code pg_stat_wal}). Read as the window
 * opens and as it closes; a backend reports its counts when it goes idle (at most once a second), so over a window
 * of 20 s they are exact to a few percent. A database that cannot be read is left out, never fails the run.
 */
public final class DatabaseMeters extends SnapshotWindow<DatabaseMeters.Snapshot> {
    /** Transactions ended so far in each database, and WAL bytes written by the cluster (-1 when unknown). */
    record Snapshot(Map<String, Long> transactions, long walBytes) {}

    private final String jdbcUrl;
    private final List<String> databases;

    /** @param jdbcUrl any database of the cluster (the statistics views cover them all) */
    public DatabaseMeters(String jdbcUrl, List<String> databases) {
        this.jdbcUrl = jdbcUrl;
        this.databases = databases;
    }

    /** Adds {@code tx_per_<operation>_<database>} for each database and {@code wal_kb_per_<operation>}. */
    public void addTo(Report report, String operation, long operations) {
        if (complete()) {
            perOperation(atOpen(), atClose(), operation, operations).forEach(report::put);
        }
    }

    static Map<String, Double> perOperation(Snapshot from, Snapshot to, String operation, long operations) {
        Map<String, Double> figures = new LinkedHashMap<>();
        if (operations <= 0) {
            return figures;
        }
        to.transactions().forEach((database, after) -> {
            Long before = from.transactions().get(database);
            if (before != null) {
                figures.put("tx_per_" + operation + "_" + database, (double) (after - before) / operations);
            }
        });
        if (from.walBytes() >= 0 && to.walBytes() >= 0) {
            figures.put("wal_kb_per_" + operation, (to.walBytes() - from.walBytes()) / 1024.0 / operations);
        }
        return figures;
    }

    @Override
    protected Snapshot take() {
        Map<String, Long> transactions = new LinkedHashMap<>();
        long walBytes = -1;
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (var statement = db.prepareStatement("select datname, xact_commit + xact_rollback from pg_stat_database where datname = any (?)")) {
                statement.setArray(1, db.createArrayOf("text", databases.toArray()));
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        transactions.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            try (var statement = db.createStatement(); var rows = statement.executeQuery("select wal_bytes from pg_stat_wal")) {
                walBytes = rows.next() ? rows.getLong(1) : -1;
            }
        } catch (SQLException e) {
            System.out.println("[bench] no database statistics: " + e.getMessage());
        }
        return new Snapshot(transactions, walBytes);
    }
}
