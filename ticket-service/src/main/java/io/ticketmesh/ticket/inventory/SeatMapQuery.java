package io.ticketmesh.ticket.inventory;

import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The numbered seats of a showtime as its seat map shows them, in map order (section, row, position), with the
 * highest version among them. A 50,000-seat map is 50,000 rows, so this reads them with plain JDBC in the caller's
 * transaction: only the columns the map shows, straight into the contract's messages (no jOOQ records), a seat's
 * price shared with the others at that price, and sorted here rather than by PostgreSQL (whose sort of that many rows
 * spills to disk at the default work_mem).
 */
@Repository
public class SeatMapQuery {
    private static final String SEATS = "select seat_id, label, section, row_label, row_index, position_in_row, state, tier, "
            + "price_minor, nullif(features, '{}'), version from seats where showtime_id = ? and not standing";
    private final DSLContext dsl;

    public SeatMapQuery(DSLContext dsl) {
        this.dsl = dsl;
    }

    public record Seats(List<SeatAvailability> seats, long version) {}

    /** A seat with its place on the map, ordered by section, row and position (compared directly: 50,000 of them). */
    private record Placed(String section, int row, int position, SeatAvailability seat) implements Comparable<Placed> {
        @Override
        public int compareTo(Placed other) {
            int bySection = section.compareTo(other.section);
            if (bySection != 0) {
                return bySection;
            }
            return row != other.row ? Integer.compare(row, other.row) : Integer.compare(position, other.position);
        }
    }

    public Seats read(UUID showtimeId, String currency) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SEATS)) {
                statement.setObject(1, showtimeId);
                try (ResultSet rows = statement.executeQuery()) {
                    return seats(rows, currency);
                }
            }
        });
    }

    private static Seats seats(ResultSet rows, String currency) throws SQLException {
        List<Placed> placed = new ArrayList<>();
        Map<Long, Money> prices = new HashMap<>();
        long version = 0;
        while (rows.next()) {
            String section = rows.getString(3);
            SeatAvailability.Builder seat = SeatAvailability.newBuilder().setSeatId(rows.getString(1)).setLabel(rows.getString(2))
                    .setSection(section).setRow(rows.getString(4)).setState(SeatProtos.state(rows.getString(7)))
                    .setTier(rows.getString(8)).setPrice(prices.computeIfAbsent(rows.getLong(9), minor -> SeatProtos.money(minor, currency)));
            Array features = rows.getArray(10);
            if (features != null) {
                seat.addAllFeatures(SeatProtos.features((String[]) features.getArray()));
            }
            placed.add(new Placed(section, rows.getInt(5), rows.getInt(6), seat.build()));
            version = Math.max(version, rows.getLong(11));
        }
        Collections.sort(placed);
        return new Seats(placed.stream().map(Placed::seat).toList(), version);
    }
}
