package io.ticketmesh.platform.testing;

import io.ticketmesh.embedded.EmbeddedKafkaServer;
import io.ticketmesh.embedded.EmbeddedPostgresServer;
import io.ticketmesh.embedded.EmbeddedRedisServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real PostgreSQL, Redis and Kafka for tests, each started once per test JVM on first use and stopped when the
 * JVM exits. Every test class gets its own fresh database, so classes never see each other's rows.
 */
public final class TestInfrastructure {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedRedisServer redis;
    private static EmbeddedKafkaServer kafka;

    private TestInfrastructure() {}

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        }
        return postgres;
    }

    public static synchronized EmbeddedRedisServer redis() {
        if (redis == null) {
            redis = EmbeddedRedisServer.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        }
        return redis;
    }

    public static synchronized EmbeddedKafkaServer kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafkaServer.start(3);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        }
        return kafka;
    }

    /** Creates an empty database with a unique name and returns its name. */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        postgres().ensureDatabase(name);
        return name;
    }

    /**
     * Points a Spring Boot test at a fresh database, Redis and Kafka: call from a {@code @DynamicPropertySource}.
     */
    public static void register(DynamicPropertyRegistry registry, String databasePrefix) {
        String database = newDatabase(databasePrefix);
        registry.add("spring.datasource.url", () -> postgres().jdbcUrl(database));
        registry.add("spring.datasource.username", () -> postgres().username());
        registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> redis().port());
        // servers a test starts listen on loopback only
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("spring.grpc.server.address", () -> "127.0.0.1");
    }
}
