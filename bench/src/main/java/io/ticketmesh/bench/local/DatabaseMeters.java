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
 * rollbacks, read-only ones included), the rows they wrote (inserted, updated and deleted) and fetched through
 * indexes (its {@code tup_*} columns), the statements run in it ({@code pg_stat_statements}, which the local
 * stack's cluster keeps: about a round trip each, a transaction's {@code BEGIN} standing for its {@code COMMIT}, which
 * the view does not list, while the driver sends the {@code BEGIN} with the first statement) and the WAL the whole
 * cluster wrote ({@code pg_stat_wal}). Read as the window opens and as it closes; a backend reports its
 * transactions when it goes idle (at most once a second), so over a window of 20 s they are exact to a few percent.
 * A figure that cannot be read is left out, never fails the run.
 */
public final class DatabaseMeters extends SnapshotWindow<DatabaseMeters.Snapshot> {
    static final String TRANSACTIONS = "tx";
    static final String ROWS_WRITTEN = "rows_written";
    static final String ROWS_FETCHED = "rows_fetched";
    static final String STATEMENTS = "statements";

    /**
     * Each count so far ({@link #TRANSACTIONS}, {@link #ROWS_WRITTEN}, {@link #ROWS_FETCHED}, {@link #STATEMENTS}) in
     * each database (no entry when unknown), and WAL bytes written by the cluster (-1 when unknown).
     */
    record Snapshot(Map<String, Map<String, Long>> counts, long walBytes) {}

    private final String jdbcUrl;
    private final List<String> databases;

    /** @param jdbcUrl the cluster's {@code postgres} database (the statistics views cover every database) */
    public DatabaseMeters(String jdbcUrl, List<String> databases) {
        this.jdbcUrl = jdbcUrl;
        this.databases = databases;
    }

    /**
     * Adds {@code tx_per_<operation>_<database>}, {@code rows_written_per_<operation>_<database>},
     * {@code rows_fetched_per_<operation>_<database>} and {@code statements_per_<operation>_<database>} for each
     * database, and {@code wal_kb_per_<operation>}.
     */
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
        to.counts().forEach((count, after) -> perDatabase(from.counts().getOrDefault(count, Map.of()), after,
                count + "_per_" + operation + "_", operations, figures));
        if (from.walBytes() >= 0 && to.walBytes() >= 0) {
            figures.put("wal_kb_per_" + operation, (to.walBytes() - from.walBytes()) / 1024.0 / operations);
        }
        return figures;
    }

    private static void perDatabase(Map<String, Long> from, Map<String, Long> to, String prefix, long operations,
                                    Map<String, Double> figures) {
        to.forEach((database, after) -> {
            Long before = from.get(database);
            if (before != null) {
                figures.put(prefix + database, (double) (after - before) / operations);
            }
        });
    }

    @Override
    protected Snapshot take() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        long walBytes = -1;
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            perDatabase(db, "select datname, xact_commit + xact_rollback, tup_inserted + tup_updated + tup_deleted, tup_fetched"
                    + " from pg_stat_database where datname = any (?)", counts, TRANSACTIONS, ROWS_WRITTEN, ROWS_FETCHED);
            try (var statement = db.createStatement(); var rows = statement.executeQuery("select wal_bytes from pg_stat_wal")) {
                walBytes = rows.next() ? rows.getLong(1) : -1;
            }
            try {
                perDatabase(db, "select datname, sum(calls)::bigint from pg_stat_statements join pg_database on pg_database.oid = dbid"
                        + " where datname = any (?) group by datname", counts, STATEMENTS);
            } catch (SQLException e) {
                System.out.println("[bench] no statement counts (a cluster without pg_stat_statements): " + e.getMessage());
            }
        } catch (SQLException e) {
            System.out.println("[bench] no database statistics: " + e.getMessage());
        }
        return new Snapshot(counts, walBytes);
    }

    /** Runs a query of the database's name and then one column a count, each count's column in the order named. */
    private void perDatabase(Connection db, String query, Map<String, Map<String, Long>> into,
                             String... countsInColumnOrder) throws SQLException {
        try (var statement = db.prepareStatement(query)) {
            statement.setArray(1, db.createArrayOf("text", databases.toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    for (int column = 0; column < countsInColumnOrder.length; column++) {
                        into.computeIfAbsent(countsInColumnOrder[column], count -> new LinkedHashMap<>())
                                .put(rows.getString(1), rows.getLong(column + 2));
                    }
                }
            }
        }
    }
}
