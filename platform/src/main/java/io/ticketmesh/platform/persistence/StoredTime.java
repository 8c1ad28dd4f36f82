package io.ticketmesh.platform.persistence;

import java.time.OffsetDateTime;
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
}
