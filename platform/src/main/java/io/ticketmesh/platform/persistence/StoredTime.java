package io.ticketmesh.platform.persistence;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The current time as PostgreSQL keeps it: {@code timestamptz} holds microseconds and rounds anything finer. A row
 * written with this time and answered from memory reads back the same, so an answer and a later read agree.
 */
public final class StoredTime {
    private StoredTime() {}

    public static OffsetDateTime now() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A protobuf time as PostgreSQL will keep it (UTC, microseconds). */
    public static OffsetDateTime of(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** A stored time as protobuf carries it. */
    public static Timestamp timestamp(OffsetDateTime time) {
        return Timestamp.newBuilder().setSeconds(time.toEpochSecond()).setNanos(time.getNano()).build();
    }
}
