package io.ticketmesh.platform.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.ticketmesh.platform.auth.AuthProperties;
import io.ticketmesh.platform.auth.AuthServerInterceptor;
import io.ticketmesh.platform.auth.JwtVerifier;
import io.ticketmesh.platform.auth.RevocationFeed;
import io.ticketmesh.platform.auth.Revocations;
import io.ticketmesh.platform.context.CallContextClientInterceptor;
import io.ticketmesh.platform.context.RequestIdServerInterceptor;
import io.ticketmesh.platform.crypto.SecretOpener;
import io.ticketmesh.platform.crypto.SecretSealer;
import io.ticketmesh.platform.error.GrpcErrors;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.outbox.OutboxProperties;
import io.ticketmesh.platform.outbox.OutboxRelay;
import io.ticketmesh.platform.privacy.AccountClosures;
import io.ticketmesh.platform.privacy.ExpiringPersonalData;
import io.ticketmesh.platform.privacy.PersonalData;
import io.ticketmesh.platform.privacy.PersonalDataRetention;
import io.ticketmesh.platform.validation.ProtoValidator;
import io.ticketmesh.platform.validation.ValidationServerInterceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Gives every service the platform mechanisms: request ids, token verification, request validation and error
 * mapping on its gRPC server; request id and token forwarding on its gRPC clients; and, when it has a
 * database, the outbox (with its relay) and the inbox.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@EnableConfigurationProperties({AuthProperties.class, OutboxProperties.class, OwnedTopics.class})
public class PlatformAutoConfiguration {

    /** Interceptor order: request id first (so every log line has it), then identity, then validation. */
    static final int REQUEST_ID_ORDER = 100;
    static final int AUTH_ORDER = 200;
    static final int VALIDATION_ORDER = 300;
    public static final String PLATFORM_MIGRATIONS = "classpath:db/platform";
    public static final String PLATFORM_HISTORY = "platform_schema_history";

    /** The topics this service publishes, declared with how long Kafka keeps them and their partitions ({@link OwnedTopics}). */
    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    TopicDeclarations ticketmeshTopics(KafkaAdmin admin, OwnedTopics owned) {
        return new TopicDeclarations(admin, owned.topics());
    }

    /**
     * jOOQ names tables without their schema: each service's tables are in the public schema of its own database, on
     * the default search path. Rendering SQL was a fifth of ticket-service's and booking-service's CPU in a bookings
     * run (JFR), and the schema's names a fifth of rendering a statement.
     */
    @Bean
    DefaultConfigurationCustomizer ticketmeshJooqSettings() {
        return configuration -> configuration.settings().setRenderSchema(false);
    }

    @Bean
    GrpcExceptionHandler ticketmeshGrpcExceptionHandler() {
        return GrpcErrors::toStatus;
    }

    @Bean
    @GlobalServerInterceptor
    @Order(REQUEST_ID_ORDER)
    RequestIdServerInterceptor requestIdServerInterceptor() {
        return new RequestIdServerInterceptor();
    }

    /** Verifies against the JWKS URL; the gateway, which holds the keys, provides its own. */
    @Bean
    @ConditionalOnMissingBean
    JwtVerifier jwtVerifier(AuthProperties properties, Revocations revocations) {
        return new JwtVerifier(properties, revocations);
    }

    /**
     * The access tokens revoked before they expire; remembered for {@code ticketmesh.auth.revocations-remembered}
     * (1 hour), which must be at least the gateway's access token TTL (15 minutes). Gauge
     * {@code ticketmesh.auth.revoked.users}: the users with tokens refused.
     */
    @Bean
    Revocations revocations(@Value("${ticketmesh.auth.revocations-remembered:1h}") Duration remembered, MeterRegistry metrics) {
        Revocations revocations = new Revocations(remembered);
        Gauge.builder("ticketmesh.auth.revoked.users", revocations, Revocations::size)
                .description("users whose access tokens issued before a revocation are refused").register(metrics);
        return revocations;
    }

    @Bean
    @ConditionalOnProperty(name = "ticketmesh.auth.revocation-feed.enabled", matchIfMissing = true)
    RevocationFeed revocationFeed(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, Revocations revocations,
                                  @Value("${ticketmesh.auth.revocations-remembered:1h}") Duration remembered) {
        return new RevocationFeed(bootstrapServers, revocations, remembered, Clock.systemUTC());
    }

    @Bean
    @GlobalServerInterceptor
    @Order(AUTH_ORDER)
    AuthServerInterceptor authServerInterceptor(JwtVerifier verifier) {
        return new AuthServerInterceptor(verifier);
    }

    /** Lazy: made only in a service that publishes secrets for workers, which fails to start without the key. */
    @Bean
    @Lazy
    SecretSealer secretSealer(@Value("${ticketmesh.sealing.public-key:}") String publicKey) {
        return SecretSealer.of(publicKey);
    }

    /** Lazy: made only in workers, which open those secrets. */
    @Bean
    @Lazy
    SecretOpener secretOpener(@Value("${ticketmesh.sealing.private-key:}") String privateKey,
                              @Value("${ticketmesh.sealing.previous-private-keys:}") String previous) {
        return SecretOpener.of(privateKey, previous);
    }

    @Bean
    ProtoValidator protoValidator() {
        return new ProtoValidator();
    }

    @Bean
    @GlobalServerInterceptor
    @Order(VALIDATION_ORDER)
    ValidationServerInterceptor validationServerInterceptor(ProtoValidator validator) {
        return new ValidationServerInterceptor(validator);
    }

    @Bean
    @GlobalClientInterceptor
    CallContextClientInterceptor callContextClientInterceptor() {
        return new CallContextClientInterceptor();
    }

    /**
     * The service's own migrations run, then the platform's tables (outbox, inbox, idempotency keys) with a history
     * of their own ({@code platform_schema_history}, baselined at 0 because the schema is not empty by then).
     * Separate histories let the platform add a migration later without it landing "out of order" in every
     * service's history. Neither set refers to the other's tables.
     */
    @Bean
    @ConditionalOnBean(DataSource.class)
    FlywayMigrationStrategy serviceThenPlatformMigrations(DataSource dataSource) {
        return serviceMigrations -> {
            serviceMigrations.migrate();
            Flyway.configure().dataSource(dataSource).locations(PLATFORM_MIGRATIONS).table(PLATFORM_HISTORY)
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        };
    }

    /**
     * gRPC calls run on virtual threads when the service runs on them ({@code spring.threads.virtual.enabled}, a
     * platform default): a call that blocks (a batch, the database, another service) parks cheaply instead of holding
     * one of gRPC's default executor's platform threads, which under load meant hundreds of OS threads on two cores.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnThreading(Threading.VIRTUAL)
    static class VirtualThreadCalls {

        @Bean(destroyMethod = "close")
        ExecutorService grpcCallExecutor() {
            return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("grpc-call-", 0).factory());
        }

        /** Raw, so it applies whichever transport's builder the server uses. */
        @Bean
        @SuppressWarnings("rawtypes")
        ServerBuilderCustomizer grpcCallsOnVirtualThreads(ExecutorService grpcCallExecutor) {
            return builder -> builder.executor(grpcCallExecutor);
        }
    }

    /**
     * Kafka listener containers poll on platform threads of their own, not on virtual threads: a consumer's poll loop
     * lives as long as the service, so a virtual thread saves nothing there, and it can pin its carrier (a class the
     * VM loads for it is loaded through a native frame). On two cores two consumers loading classes at start-up once
     * held both carriers while the virtual thread they waited for (a web request initializing the dispatcher, holding
     * the class loader's lock) could not be mounted again: ticket-service never became ready.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ConcurrentMessageListenerContainer.class)
    static class KafkaListenerThreads {

        @Bean
        ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> kafkaListenersOnPlatformThreads() {
            return container -> container.getContainerProperties().setListenerTaskExecutor(new SimpleAsyncTaskExecutor("kafka-listener-"));
        }
    }

    /** The outbox, the inbox and idempotent requests, for services with a database. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DSLContext.class)
    static class Messaging {

        /** The tracer is looked up once it exists, not for every event (a bean lookup costs more than the event). */
        @Bean
        Outbox outbox(DSLContext dsl, ObjectProvider<Tracer> tracer) {
            Supplier<Tracer> once = SingletonSupplier.of(tracer::getIfAvailable);
            return new Outbox(dsl, () -> Traceparents.current(once.get()));
        }

        @Bean
        Inbox inbox(DSLContext dsl, TransactionTemplate transactions) {
            return new Inbox(dsl, transactions);
        }

        @Bean
        IdempotentRequests idempotentRequests(DSLContext dsl) {
            return new IdempotentRequests(dsl);
        }

        /** Closed accounts, in a service that keeps customers' personal data. */
        @Bean
        @ConditionalOnBean(PersonalData.class)
        AccountClosures accountClosures(Inbox inbox, DSLContext dsl, TransactionTemplate transactions, List<PersonalData> personalData) {
            return new AccountClosures(inbox, dsl, transactions, personalData, Clock.systemUTC());
        }

        /** Personal data kept for no account, erased once kept longer than the retention. */
        @Bean
        @ConditionalOnBean(ExpiringPersonalData.class)
        PersonalDataRetention personalDataRetention(Map<String, ExpiringPersonalData> data,
                                                    @Value("${ticketmesh.privacy.retention}") Duration retention,
                                                    MeterRegistry metrics) {
            return new PersonalDataRetention(data, retention, Clock.systemUTC(), metrics);
        }

        @Bean
        @ConditionalOnProperty(name = "ticketmesh.outbox.enabled", matchIfMissing = true)
        OutboxRelay outboxRelay(DSLContext dsl, TransactionTemplate transactions, OutboxProperties properties, MeterRegistry metrics) {
            return new OutboxRelay(dsl, transactions,
                    () -> OutboxRelay.kafkaProducer(properties, properties.source()), properties, metrics,
                    OutboxRelay.AfterPublish.NOTHING);
        }
    }
}
