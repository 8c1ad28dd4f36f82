package io.ticketmesh.platform.persistence;

import java.util.Collection;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Ids bound as one array parameter ({@code = any(?)}, {@code unnest(?)}), of data types made once. An array bound
 * without one has jOOQ build its array data type anew, a regex included, for every statement: a twentieth of
 * ticket-service's CPU while holding seats.
 */
public final class IdArrays {
    private static final DataType<UUID[]> UUIDS = SQLDataType.UUID.array();
    private static final DataType<String[]> TEXTS = SQLDataType.VARCHAR.array();

    private IdArrays() {}

    public static Field<UUID[]> uuids(Collection<UUID> ids) {
        return uuids(ids.toArray(UUID[]::new));
    }

    public static Field<UUID[]> uuids(UUID[] ids) {
        return DSL.val(ids, UUIDS);
    }

    public static Field<String[]> texts(String[] values) {
        return DSL.val(values, TEXTS);
    }
}
