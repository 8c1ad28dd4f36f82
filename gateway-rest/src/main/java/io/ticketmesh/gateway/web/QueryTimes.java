package io.ticketmesh.gateway.web;

import com.google.protobuf.Timestamp;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Times in query strings: an RFC 3339 time, or a plain date standing for its midnight UTC. */
public final class QueryTimes {
    public static final String FORMAT = "must be an RFC 3339 time (2026-12-01T19:30:00Z) or a date (2026-12-01)";

    private QueryTimes() {}

    /** The time {@code value} names; null when it is neither form. */
    public static Timestamp parse(String value) {
        try {
            Instant instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
            return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The time the parameter {@code field} names; INVALID_ARGUMENT naming it when it is missing or neither form. */
    public static Timestamp required(String field, String value) {
        return requiredAll(List.of(field), List.of(value)).getFirst();
    }

    /** A period from the parameters {@code from} and {@code to}; INVALID_ARGUMENT naming each that is missing or neither form. */
    public static Period period(String from, String to) {
        List<Timestamp> times = requiredAll(List.of("from", "to"), List.of(from, to));
        return new Period(times.get(0), times.get(1));
    }

    /** The start and the end of a period asked for. */
    public record Period(Timestamp from, Timestamp to) {}

    /** The times the parameters name, in their order; INVALID_ARGUMENT naming every one missing or of neither form. */
    private static List<Timestamp> requiredAll(List<String> fields, List<String> values) {
        List<Timestamp> times = new ArrayList<>();
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String value = values.get(i);
            Timestamp time = value.isBlank() ? null : parse(value);
            if (time == null) {
                String wrong = value.isBlank() ? "is required: " + FORMAT.substring("must be ".length()) : FORMAT;
                violations.add(new FieldViolation(fields.get(i), wrong));
            }
            times.add(time);
        }
        if (!violations.isEmpty()) {
            throw DomainException.invalid(violations);
        }
        return times;
    }
}
