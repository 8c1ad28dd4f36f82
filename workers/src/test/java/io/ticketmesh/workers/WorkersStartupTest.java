package io.ticketmesh.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.testing.ServiceStartupContract;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** workers serve no API: health, metrics and their migrated notification database are what they promise. */
class WorkersStartupTest extends ServiceStartupContract {
    @Autowired
    DSLContext dsl;

    @Test
    void databaseIsMigratedWithTheInbox() {
        assertThat(dsl.fetchCount(dsl.selectFrom("inbox"))).isZero();
    }
}
