package io.ticketmesh.ticket.inventory;

import com.google.protobuf.ByteString;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.StandingPlace;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The numbered seats of a showtime as its seat map shows them, in map order (section, row, position), with the
 * highest version among them: every seat in full, or only their states. A 50,000-seat map is 50,000 rows, so this reads
 * them with plain JDBC in the caller's transaction: only the columns the view needs, straight into the contract's
 * messages (no jOOQ records), a seat's price shared with the others at that price, in the order of the
 * {@code seats_in_map_order} index (sorting them cost more than reading them: PostgreSQL's sort spilled to disk at the
 * default work_mem, and sorting in Java meant reading every seat's section). The states come as one row: PostgreSQL
 * strings them together in index order (PostgreSQL 16 and later aggregate presorted input without sorting it), a
 * character a seat whose code is its SeatState number, so neither side handles 50,000 rows of them. The LIVE view,
 * for realtime-service, is each seat's id and state, and each standing place's with its area's id (by the
 * {@code seats_of_standing_area} index).
 */
@Repository
public class SeatMapQuery {
    private static final String OF_SHOWTIME = " from seats where showtime_id = ? and not standing";
    private static final String MAP_ORDER = "section, row_index, position_in_row";
    /** A seat's price on the map is its tier's price now, also while it is held or sold at the price its customer was shown. */
    private static final String SEATS = "select state, version, seat_id, label, section, row_label, tier,"
            + " coalesce(price_when_freed_minor, price_minor), nullif(features, '{}')" + OF_SHOWTIME + " order by " + MAP_ORDER;
    private static final String STATES = "select coalesce(max(version), 0), string_agg(chr(case state "
            + Stream.of("AVAILABLE", "HELD", "SOLD", "BLOCKED").map(stored -> "when '" + stored + "' then " + SeatProtos.state(stored)
            .getNumber()).collect(Collectors.joining(" ")) + " end), '' order by " + MAP_ORDER + ")" + OF_SHOWTIME;
    /** The LIVE view: each seat's id and state in map order, and each standing place's with its area. */
    private static final String LIVE_SEATS = "select state, version, seat_id" + OF_SHOWTIME + " order by " + MAP_ORDER;
    private static final String LIVE_PLACES = "select state, version, seat_id, section_id from seats where showtime_id = ? and standing"
            + " order by section_id, position_in_row";
    private final DSLContext dsl;

    public SeatMapQuery(DSLContext dsl) {
        this.dsl = dsl;
    }

    public record Seats(List<SeatAvailability> seats, long version) {}

    /** The LIVE view: seats with only their ids and states, and the standing places. */
    public record Live(List<SeatAvailability> seats, List<StandingPlace> places, long version) {}

    /** Each seat's SeatState number, a byte a seat in map order. */
    public record States(ByteString states, long version) {}

    /** What is made of a query's result. */
    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** What is made of one row. */
    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    public Seats read(UUID showtimeId, String currency) {
        List<SeatAvailability> seats = new ArrayList<>();
        Map<Long, Money> prices = new HashMap<>();
        long version = select(SEATS, showtimeId, rows -> eachRow(rows, row -> {
            SeatAvailability.Builder seat = SeatAvailability.newBuilder().setState(SeatProtos.state(row.getString(1)))
                    .setSeatId(row.getString(3)).setLabel(row.getString(4)).setSection(row.getString(5))
                    .setRow(row.getString(6)).setTier(row.getString(7))
                    .setPrice(prices.computeIfAbsent(row.getLong(8), minor -> SeatProtos.money(minor, currency)));
            Array features = row.getArray(9);
            if (features != null) {
                seat.addAllFeatures(SeatProtos.features((String[]) features.getArray()));
            }
            seats.add(seat.build());
        }));
        return new Seats(seats, version);
    }

    /** Every seat's id and state in map order, and every standing place's with its area's id (the LIVE view). */
    public Live readLive(UUID showtimeId) {
        List<SeatAvailability> seats = new ArrayList<>();
        long seatsVersion = select(LIVE_SEATS, showtimeId, rows -> eachRow(rows, row -> seats.add(SeatAvailability.newBuilder()
                .setState(SeatProtos.state(row.getString(1))).setSeatId(row.getString(3)).build())));
        List<StandingPlace> places = new ArrayList<>();
        long placesVersion = select(LIVE_PLACES, showtimeId, rows -> eachRow(rows, row -> places.add(StandingPlace.newBuilder()
                .setState(SeatProtos.state(row.getString(1))).setPlaceId(row.getString(3)).setSectionId(row.getString(4)).build())));
        return new Live(seats, places, Math.max(seatsVersion, placesVersion));
    }

    /** Reads every row (each query has the seat's version second); answers the highest version among them. */
    private static long eachRow(ResultSet rows, Row read) throws SQLException {
        long version = 0;
        while (rows.next()) {
            read.read(rows);
            version = Math.max(version, rows.getLong(2));
        }
        return version;
    }

    public States readStates(UUID showtimeId) {
        return select(STATES, showtimeId, row -> {
            row.next();
            String states = row.getString(2);
            return new States(states == null ? ByteString.EMPTY : ByteString.copyFrom(states, StandardCharsets.US_ASCII), row.getLong(1));
        });
    }

    /** Runs a query of one showtime's seats in the caller's transaction. */
    private <T> T select(String sql, UUID showtimeId, Rows<T> result) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, showtimeId);
                try (ResultSet rows = statement.executeQuery()) {
                    return result.read(rows);
                }
            }
        });
    }
}
