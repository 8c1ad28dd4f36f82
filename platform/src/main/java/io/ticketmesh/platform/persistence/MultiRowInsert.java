package io.ticketmesh.platform.persistence;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record;
import org.jooq.Table;

/** One {@code INSERT} of many records, a round trip instead of one per record. */
public final class MultiRowInsert {
    private MultiRowInsert() {}

    /**
     * The insert of every record (at least one; each with the same fields set), ready to execute or to take an
     * {@code ON CONFLICT} clause.
     */
    public static <R extends Record> InsertSetMoreStep<R> of(DSLContext dsl, Table<R> table, List<R> records) {
        var insert = dsl.insertInto(table).set(records.getFirst());
        for (R record : records.subList(1, records.size())) {
            insert = insert.newRecord().set(record);
        }
        return insert;
    }
}
