package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.ticketmesh.platform.testing.ServiceStartupContract;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.config.TransportMode;
import org.springframework.beans.factory.annotation.Autowired;

class GatewayStartupTest extends ServiceStartupContract {
    @Autowired
    DSLContext dsl;
    @Autowired
    RedissonClient redis;

    @Test
    void identityDatabaseIsMigrated() {
        assertThat(dsl.fetchCount(dsl.selectFrom("flyway_schema_history"))).isPositive();
    }

    @Test
    void redisTalksThroughAThreadACoreOnTheNativeTransport() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(redis.getConfig().getNettyThreads()).isEqualTo(cores);
        assertThat(redis.getConfig().getThreads()).isEqualTo(cores);
        assertThat(redis.getConfig().getTransportMode()).isEqualTo(Epoll.isAvailable() ? TransportMode.EPOLL : TransportMode.NIO);
    }

    @Override
    protected Set<String> ownedTopics() {
        return Set.of("ticketmesh.identity", "ticketmesh.identity.closures", "ticketmesh.identity.revocations");
    }
}
