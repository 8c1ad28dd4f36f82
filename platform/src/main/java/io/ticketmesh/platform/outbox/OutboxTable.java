package io.ticketmesh.platform.outbox;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;

/** The outbox table of {@code db/platform/V0_1__outbox.sql}, for jOOQ. */
final class OutboxTable {
    static final Table<Record> OUTBOX = table(name("outbox"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<UUID> EVENT_ID = field(name("event_id"), UUID.class);
    static final Field<String> TOPIC = field(name("topic"), String.class);
    static final Field<String> MESSAGE_KEY = field(name("message_key"), String.class);
    static final Field<String> EVENT_TYPE = field(name("event_type"), String.class);
    static final Field<byte[]> PAYLOAD = field(name("payload"), byte[].class);
    static final Field<JSONB> HEADERS = field(name("headers"), JSONB.class);
    static final Field<OffsetDateTime> CREATED_AT = field(name("created_at"), OffsetDateTime.class);
    /** The oldest transaction still running as of the statement's snapshot ({@link OutboxFloor}). */
    static final Field<Long> SNAPSHOT_XMIN = field("pg_snapshot_xmin(pg_current_snapshot())::text::bigint", Long.class).as("snapshot_xmin");
    /** The first transaction not yet begun as of the statement's snapshot. */
    static final Field<Long> SNAPSHOT_XMAX = field("pg_snapshot_xmax(pg_current_snapshot())::text::bigint", Long.class).as("snapshot_xmax");

    private OutboxTable() {}
}
