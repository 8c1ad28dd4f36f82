package io.ticketmesh.platform.testing;

import io.ticketmesh.embedded.EmbeddedKafkaServer;
import io.ticketmesh.embedded.EmbeddedPostgresServer;
import io.ticketmesh.embedded.EmbeddedRedisServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real PostgreSQL, Redis and Kafka for tests, each started once per test JVM on first use and stopped when the
 * JVM exits, after Spring has closed the tests' application contexts. Every test class gets its own fresh database,
 * so classes never see each other's rows.
 */
public final class TestInfrastructure {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** Whether a Spring Boot test has used the servers ({@link #register}): its contexts close at exit too. */
    private static final AtomicBoolean SPRING_CONTEXTS = new AtomicBoolean();
    private static final CountDownLatch CONTEXTS_CLOSED = new CountDownLatch(1);
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedRedisServer redis;
    private static EmbeddedKafkaServer kafka;

    private TestInfrastructure() {}

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(0, null, false);
            stopAtExit(postgres::close);
        }
        return postgres;
    }

    public static synchronized EmbeddedRedisServer redis() {
        if (redis == null) {
            redis = EmbeddedRedisServer.start(0);
            stopAtExit(redis::close);
        }
        return redis;
    }

    public static synchronized EmbeddedKafkaServer kafka() {
        if (kafka == null) {
            // the local stack's count and the services' declared default (OwnedTopics): a topic a consumer makes before
            // its owner declares it has its partitions already, so none is added under a consumer that would not see
            // it until its metadata is next refreshed
            kafka = EmbeddedKafkaServer.start(6);
            stopAtExit(kafka::close);
        }
        return kafka;
    }

    /**
     * Runs {@code stop} as the JVM exits, after Spring Boot's shutdown hook has closed the tests' application contexts
     * (if any test made one). Shutdown hooks run all at once, and servers stopped under open contexts kept their
     * clients waiting as the contexts closed: each outbox relay waited for a connection until its stop timed out (10 s
     * a context, before the relay learnt to stop at once), and Surefire killed the test JVM after 30 s.
     */
    private static void stopAtExit(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (SPRING_CONTEXTS.get()) {
                try {
                    CONTEXTS_CLOSED.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stop.run();
        }, "test-infrastructure-stop"));
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
        if (SPRING_CONTEXTS.compareAndSet(false, true)) {
            // Spring Boot runs its shutdown handlers once every context it started is closed
            SpringApplication.getShutdownHandlers().add(CONTEXTS_CLOSED::countDown);
        }
        String database = newDatabase(databasePrefix);
        registry.add("spring.datasource.url", () -> postgres().jdbcUrl(database));
        registry.add("spring.datasource.username", () -> postgres().username());
        registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> redis().port());
        // servers a test starts listen on loopback only
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("spring.grpc.server.address", () -> "127.0.0.1");
        // the key pair that seals the secrets events carry for workers: its public half where they are published,
        // its private half in workers
        registry.add("ticketmesh.sealing.public-key", TestSealing::publicKey);
        registry.add("ticketmesh.sealing.private-key", TestSealing::privateKey);
    }
}
