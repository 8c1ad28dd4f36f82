package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.testing.ServiceStartupContract;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class GatewayStartupTest extends ServiceStartupContract {
    @Autowired
    DSLContext dsl;

    @Test
    void identityDatabaseIsMigrated() {
        assertThat(dsl.fetchCount(dsl.selectFrom("flyway_schema_history"))).isPositive();
    }
}
