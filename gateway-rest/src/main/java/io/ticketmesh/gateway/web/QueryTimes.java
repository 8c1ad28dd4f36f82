package io.ticketmesh.gateway.web;

import com.google.protobuf.Timestamp;
import io.ticketmesh.platform.error.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

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
        Timestamp time = value.isBlank() ? null : parse(value);
        if (time == null) {
            throw DomainException.invalid(field, value.isBlank() ? "is required: " + FORMAT.substring("must be ".length()) : FORMAT);
        }
        return time;
    }
}
