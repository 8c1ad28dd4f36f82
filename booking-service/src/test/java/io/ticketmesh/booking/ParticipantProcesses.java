package io.ticketmesh.booking;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.embedded.ServiceJar;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.platform.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The saga's participants as real processes from their built jars (event-service, ticket-service,
 * payment-service) on the test's PostgreSQL, Redis and Kafka, verifying the test's tokens. Started once per JVM;
 * a test may kill one (a crash) and start it again.
 */
final class ParticipantProcesses {
    static final String WEBHOOK_SECRET = "whsec_saga_test";
    final TestTokens tokens;
    final Service event = new Service("event-service", "event");
    final Service ticket = new Service("ticket-service", "ticket");
    final Service payment = new Service("payment-service", "payment");
    private static ParticipantProcesses started;

    final class Service {
        final String module;
        final String database;
        final int grpcPort = FreePorts.next();
        final int httpPort = FreePorts.next();
        ServiceJar process;
        ManagedChannel channel;

        Service(String module, String prefix) {
            this.module = module;
            this.database = TestInfrastructure.newDatabase(prefix);
        }

        String target() {
            return "static://127.0.0.1:" + grpcPort;
        }

        String jdbcUrl() {
            return TestInfrastructure.postgres().jdbcUrl(database);
        }

        void start() throws Exception {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("DATABASE_URL", jdbcUrl());
            env.put("GRPC_PORT", Integer.toString(grpcPort));
            env.put("HTTP_PORT", Integer.toString(httpPort));
            env.put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafka().bootstrapServers());
            env.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
            env.put("SPRING_DATA_REDIS_PORT", Integer.toString(TestInfrastructure.redis().port()));
            env.put("TICKETMESH_JWKS_URL", tokens.jwksUrl());
            env.put("EVENT_SERVICE_TARGET", event.target());
            env.put("TICKETMESH_WEBHOOK_SECRET", WEBHOOK_SECRET);
            env.put("TICKETMESH_PROVIDER_TIMEOUT", "500ms");
            env.put("TICKETMESH_PROVIDER_LATENCY_MIN", "1ms");
            env.put("TICKETMESH_PROVIDER_LATENCY_MAX", "5ms");
            env.put("TICKETMESH_PAYMENT_PUBLIC_URL", "http://127.0.0.1:" + payment.httpPort);
            env.put("TICKETMESH_PROVIDER_WEBHOOK_URL", "http://127.0.0.1:" + payment.httpPort + "/webhooks/simulated");
            Path logs = Files.createDirectories(Path.of("target", "participants"));
            process = ServiceJar.start(module, env, logs.resolve(module + ".log"), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
            if (channel == null) {
                channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
            }
        }

        void awaitReady() throws InterruptedException {
            process.awaitReady(httpPort, Duration.ofSeconds(120));
        }

        void kill() throws InterruptedException {
            process.kill();
        }
    }

    private ParticipantProcesses(TestTokens tokens) {
        this.tokens = tokens;
    }

    static synchronized ParticipantProcesses start(TestTokens tokens) {
        if (started == null) {
            ParticipantProcesses processes = new ParticipantProcesses(tokens);
            try {
                for (Service service : new Service[] {processes.event, processes.ticket, processes.payment}) {
                    service.start();
                }
                for (Service service : new Service[] {processes.event, processes.ticket, processes.payment}) {
                    service.awaitReady();
                }
            } catch (Exception e) {
                throw new IllegalStateException("the participants did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Service service : new Service[] {processes.event, processes.ticket, processes.payment}) {
                    try {
                        service.kill();
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
            started = processes;
        }
        return started;
    }
}
