package io.ticketmesh.platform.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every Ticketmesh service shares, added with the lowest precedence so a service's application.yml or an
 * environment variable overrides any of them. Environment variables named here are the deployment's knobs.
 */
public final class PlatformDefaults implements EnvironmentPostProcessor {
    static final String SOURCE_NAME = "ticketmeshPlatformDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        // gRPC: health and reflection on every server
        defaults.put("spring.grpc.server.health.enabled", "true");
        defaults.put("spring.grpc.server.reflection.enabled", "true");
        defaults.put("spring.grpc.server.shutdown.grace-period", "10s");
        // network: HTTP and gRPC listen on every interface (a container's) unless BIND_ADDRESS names one
        String bindAddress = environment.getProperty("BIND_ADDRESS");
        if (bindAddress != null && !bindAddress.isBlank()) {
            defaults.put("server.address", bindAddress);
            defaults.put("spring.grpc.server.address", bindAddress);
        }
        // PostgreSQL: the service's own migrations (the platform's tables run first, with their own history)
        defaults.put("spring.flyway.locations", "classpath:db/migration");
        defaults.put("spring.datasource.username", "${DATABASE_USER:postgres}");
        defaults.put("spring.datasource.password", "${DATABASE_PASSWORD:}");
        defaults.put("spring.datasource.hikari.maximum-pool-size", "${DATABASE_POOL_SIZE:20}");
        defaults.put("spring.jooq.sql-dialect", "postgres");
        // Kafka: proto payloads, CloudEvents headers, consumers start from the beginning of new topics
        defaults.put("spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:9092}");
        defaults.put("spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        defaults.put("spring.kafka.consumer.value-deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        defaults.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        defaults.put("spring.kafka.consumer.enable-auto-commit", "false");
        defaults.put("spring.kafka.listener.observation-enabled", "true");
        // a topic's retention (OwnedTopics) is set on the topic when it exists already, not only when it is created
        defaults.put("spring.kafka.admin.modify-topic-configs", "true");
        // the partitions of each topic a service publishes, unless it names a count for one (OwnedTopics)
        defaults.put("ticketmesh.kafka.default-partitions", "${KAFKA_TOPIC_PARTITIONS:6}");
        defaults.put("ticketmesh.outbox.bootstrap-servers", "${spring.kafka.bootstrap-servers}");
        defaults.put("ticketmesh.outbox.source", "/ticketmesh/${spring.application.name}");
        // identity: every service verifies tokens itself against the gateway's JWKS
        defaults.put("ticketmesh.auth.jwks-url", "${TICKETMESH_JWKS_URL:http://127.0.0.1:8080/.well-known/jwks.json}");
        defaults.put("ticketmesh.auth.issuer", "${TICKETMESH_JWT_ISSUER:ticketmesh}");
        defaults.put("ticketmesh.auth.audience", "${TICKETMESH_JWT_AUDIENCE:ticketmesh}");
        // privacy: personal data kept for no account (a box office buyer's, the mail log's) is erased after this long
        defaults.put("ticketmesh.privacy.retention", "${TICKETMESH_PERSONAL_DATA_RETENTION:400d}");
        defaults.put("ticketmesh.privacy.sweep-interval", "${TICKETMESH_PERSONAL_DATA_SWEEP_INTERVAL:1h}");
        // operations: JSON logs with trace and request ids, health probes, Prometheus metrics
        defaults.put("logging.structured.format.console", "${LOG_FORMAT:ecs}");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.tracing.sampling.probability", "${TRACING_SAMPLING:1.0}");
        // every observed call times itself (Timer); the long-task timer of calls in flight that Micrometer also keeps per
        // call is read by nothing here, and it costs every call a meter lookup and an update of a shared list
        defaults.put("management.metrics.observations.ignored-meters", "long-task-timer");
        // metrics are scraped (Prometheus); pushing them over OTLP needs a collector, so it is off unless one is named
        // (OTLP_METRICS_EXPORT=true and MANAGEMENT_OTLP_METRICS_EXPORT_URL); else every service warns once a minute
        defaults.put("management.otlp.metrics.export.enabled", "${OTLP_METRICS_EXPORT:false}");
        defaults.put("spring.threads.virtual.enabled", "true");
        defaults.put("spring.main.banner-mode", "off");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
