package io.ticketmesh.event.domain;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.Row;
import io.ticketmesh.proto.event.v1.Seat;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.event.v1.SeatMap;
import io.ticketmesh.proto.event.v1.Section;
import io.ticketmesh.proto.event.v1.SectionKind;
import io.ticketmesh.proto.event.v1.Venue;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules a venue and its seat map must keep, checked as a whole: every broken rule is reported (up to
 * {@link #MAX_REPORTED}) with the path of the offending field, and nothing is stored unless all hold. Field-level
 * limits (lengths, counts per list) are in the proto and checked before this.
 */
public final class SeatMapRules {
    /** Largest sellable venue: seats plus standing places. */
    public static final int MAX_PLACES = 100_000;
    /** Seats closer than this (drawing units, centre to centre) overlap. */
    public static final double MIN_SEAT_DISTANCE = 0.5;
    static final int MAX_REPORTED = 200;

    private SeatMapRules() {}

    /** Throws SEAT_MAP_INVALID listing every violation; returns the venue's capacity when all rules hold. */
    public static int check(Venue venue) {
        List<FieldViolation> violations = new ArrayList<>();
        try {
            ZoneId.of(venue.getTimezone());
        } catch (DateTimeException e) {
            violations.add(new FieldViolation("venue.timezone", "is not an IANA time zone such as Europe/Berlin"));
        }
        int capacity = checkMap(venue.getSeatMap(), violations);
        if (capacity == 0) {
            violations.add(new FieldViolation("venue.seat_map", "has no seats and no standing places"));
        } else if (capacity > MAX_PLACES) {
            violations.add(new FieldViolation("venue.seat_map", "has " + capacity + " places; at most " + MAX_PLACES + " are allowed"));
        }
        if (!violations.isEmpty()) {
            int total = violations.size();
            List<FieldViolation> reported = new ArrayList<>(violations.subList(0, Math.min(total, MAX_REPORTED)));
            if (total > MAX_REPORTED) {
                reported.add(new FieldViolation("venue.seat_map", (total - MAX_REPORTED) + " more violations not listed"));
            }
            throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_SEAT_MAP_INVALID,
                    "the seat map breaks " + total + " rule" + (total == 1 ? "" : "s"), reported);
        }
        return capacity;
    }

    private static int checkMap(SeatMap map, List<FieldViolation> violations) {
        int places = 0;
        Set<String> sectionNames = new HashSet<>();
        SeatGrid grid = new SeatGrid();
        for (int s = 0; s < map.getSectionsCount(); s++) {
            Section section = map.getSections(s);
            String path = "venue.seat_map.sections[" + s + "]";
            if (!sectionNames.add(section.getName().toLowerCase(Locale.ROOT))) {
                violations.add(new FieldViolation(path + ".name", "\"" + section.getName() + "\" is used by another section"));
            }
            if (section.getKind() == SectionKind.SECTION_KIND_STANDING) {
                if (section.getRowsCount() > 0) {
                    violations.add(new FieldViolation(path + ".rows", "a standing section has no rows"));
                }
                if (section.getCapacity() == 0) {
                    violations.add(new FieldViolation(path + ".capacity", "a standing section needs a capacity"));
                }
                places += section.getCapacity();
                continue;
            }
            if (section.getCapacity() != 0) {
                violations.add(new FieldViolation(path + ".capacity", "a seated section's capacity is its seats; leave it 0"));
            }
            if (section.getRowsCount() == 0) {
                violations.add(new FieldViolation(path + ".rows", "a seated section needs at least one row"));
            }
            places += checkRows(section, path, grid, violations);
        }
        return places;
    }

    private static int checkRows(Section section, String path, SeatGrid grid, List<FieldViolation> violations) {
        int seats = 0;
        Set<String> rowLabels = new HashSet<>();
        for (int r = 0; r < section.getRowsCount(); r++) {
            Row row = section.getRows(r);
            String rowPath = path + ".rows[" + r + "]";
            if (!rowLabels.add(row.getLabel().toLowerCase(Locale.ROOT))) {
                violations.add(new FieldViolation(rowPath + ".label", "row \"" + row.getLabel() + "\" appears twice in " + section.getName()));
            }
            if (row.getSeatsCount() == 0) {
                violations.add(new FieldViolation(rowPath + ".seats", "a row needs at least one seat"));
            }
            Set<String> seatLabels = new HashSet<>();
            for (int n = 0; n < row.getSeatsCount(); n++) {
                Seat seat = row.getSeats(n);
                String seatPath = rowPath + ".seats[" + n + "]";
                if (!seatLabels.add(seat.getLabel().toLowerCase(Locale.ROOT))) {
                    violations.add(new FieldViolation(seatPath + ".label", "seat \"" + seat.getLabel() + "\" appears twice in row " + row.getLabel()));
                }
                if (seat.getFeaturesList().contains(SeatFeature.SEAT_FEATURE_WHEELCHAIR)
                        && seat.getFeaturesList().contains(SeatFeature.SEAT_FEATURE_COMPANION)) {
                    violations.add(new FieldViolation(seatPath + ".features", "a place is a wheelchair space or a companion seat, not both"));
                }
                String overlapped = grid.place(seat.getX(), seat.getY(), seatPath);
                if (overlapped != null) {
                    violations.add(new FieldViolation(seatPath, "overlaps " + overlapped + " (seats must be at least "
                            + MIN_SEAT_DISTANCE + " apart)"));
                }
                seats++;
            }
        }
        return seats;
    }

    /** Finds overlapping seats in linear time: each seat is checked only against seats in its neighbouring cells. */
    private static final class SeatGrid {
        private final Map<Long, List<double[]>> cells = new HashMap<>();
        private final Map<double[], String> paths = new HashMap<>();

        String place(double x, double y, String path) {
            long cx = (long) Math.floor(x / MIN_SEAT_DISTANCE);
            long cy = (long) Math.floor(y / MIN_SEAT_DISTANCE);
            for (long dx = -1; dx <= 1; dx++) {
                for (long dy = -1; dy <= 1; dy++) {
                    for (double[] other : cells.getOrDefault(key(cx + dx, cy + dy), List.of())) {
                        if (Math.hypot(other[0] - x, other[1] - y) < MIN_SEAT_DISTANCE) {
                            return paths.get(other);
                        }
                    }
                }
            }
            double[] point = {x, y};
            cells.computeIfAbsent(key(cx, cy), k -> new ArrayList<>(2)).add(point);
            paths.put(point, path);
            return null;
        }

        private static long key(long cx, long cy) {
            return cx * 0x9E3779B97F4A7C15L ^ cy;
        }
    }
}
