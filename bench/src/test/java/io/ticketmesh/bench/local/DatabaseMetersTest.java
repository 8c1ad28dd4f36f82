package io.ticketmesh.bench.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ticketmesh.bench.local.DatabaseMeters.Snapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseMetersTest {
    @Test
    void theWindowsCountsPerDatabaseAndWalAreDividedByItsOperations() {
        Snapshot from = snapshot(Map.of("booking", 1_000L, "ticket", 500L), Map.of("booking", 30_000L),
                Map.of("booking", 7_000L), 10L << 20);
        Snapshot to = snapshot(Map.of("booking", 1_600L, "ticket", 800L), Map.of("booking", 31_250L),
                Map.of("booking", 9_050L), 20L << 20);

        Map<String, Double> figures = DatabaseMeters.perOperation(from, to, "booking", 100);

        assertThat(figures).containsOnlyKeys("tx_per_booking_booking", "tx_per_booking_ticket",
                "rows_written_per_booking_booking", "statements_per_booking_booking", "wal_kb_per_booking");
        assertThat(figures.get("tx_per_booking_booking")).isCloseTo(6.0, within(1e-9));
        assertThat(figures.get("tx_per_booking_ticket")).isCloseTo(3.0, within(1e-9));
        assertThat(figures.get("rows_written_per_booking_booking")).isCloseTo(12.5, within(1e-9));
        assertThat(figures.get("statements_per_booking_booking")).isCloseTo(20.5, within(1e-9));
        assertThat(figures.get("wal_kb_per_booking")).isCloseTo(102.4, within(1e-9));
    }

    @Test
    void aDatabaseOrWalUnreadAtEitherEndIsLeftOutAndNoOperationsGiveNoFigures() {
        Snapshot from = snapshot(Map.of("booking", 1_000L), Map.of(), Map.of(), -1);
        Snapshot to = snapshot(Map.of("booking", 1_200L, "ticket", 300L), Map.of("ticket", 90L), Map.of("booking", 40L), 4096);

        assertThat(DatabaseMeters.perOperation(from, to, "hold", 50)).containsOnlyKeys("tx_per_hold_booking");
        assertThat(DatabaseMeters.perOperation(from, to, "hold", 0)).isEmpty();
    }

    private static Snapshot snapshot(Map<String, Long> transactions, Map<String, Long> rowsWritten, Map<String, Long> statements,
                                     long walBytes) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        counts.put(DatabaseMeters.TRANSACTIONS, transactions);
        counts.put(DatabaseMeters.ROWS_WRITTEN, rowsWritten);
        counts.put(DatabaseMeters.STATEMENTS, statements);
        return new Snapshot(counts, walBytes);
    }
}
