package io.ticketmesh.platform.testing;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.embedded.ServiceJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Services as real processes from their built jars (event-, ticket-, payment- and booking-service) on the test's
 * PostgreSQL, Redis and Kafka, verifying the test's tokens and calling each other. One set per test JVM; a test
 * starts the ones it needs, and may kill one (a crash) and start it again, with extra JVM options (fault hooks).
 */
public final class ServiceProcesses {
    public static final String WEBHOOK_SECRET = "whsec_process_test";
    private static ServiceProcesses shared;
    private final TestTokens tokens;
    public final Service event = new Service("event-service", "event");
    public final Service ticket = new Service("ticket-service", "ticket");
    public final Service payment = new Service("payment-service", "payment");
    public final Service booking = new Service("booking-service", "booking");

    /** One service: its ports, database and channel, and its process once started. */
    public final class Service {
        private final String module;
        private final String database;
        private final int grpcPort = FreePorts.next();
        private final int httpPort = FreePorts.next();
        private ServiceJar process;
        private ManagedChannel channel;

        private Service(String module, String prefix) {
            this.module = module;
            this.database = TestInfrastructure.newDatabase(prefix);
        }

        /** The address other services are given (a static:// gRPC target). */
        public String target() {
            return "static://127.0.0.1:" + grpcPort;
        }

        public String jdbcUrl() {
            return TestInfrastructure.postgres().jdbcUrl(database);
        }

        public synchronized ManagedChannel channel() {
            if (channel == null) {
                channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
            }
            return channel;
        }

        /** Starts the process; {@code jvmOptions} may set properties, e.g. {@code -Dticketmesh.bookings.lease=2s}. */
        public void start(String... jvmOptions) throws IOException {
            List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            options.addAll(List.of(jvmOptions));
            Path logs = Files.createDirectories(Path.of("target", "processes"));
            process = ServiceJar.start(module, environment(this), logs.resolve(module + ".log"), options.toArray(String[]::new));
        }

        public void awaitReady() throws InterruptedException {
            process.awaitReady(httpPort, Duration.ofSeconds(120));
        }

        /** Whether the process is running (a fault hook may have halted it). */
        public boolean isAlive() {
            return process != null && process.isAlive();
        }

        /** Waits (a minute at most) for the process to end by itself, e.g. halted by a fault hook. */
        public void awaitExit() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(module + " is still running");
                }
                Thread.sleep(100);
            }
        }

        /** Kills it as a crash would. */
        public void kill() throws InterruptedException {
            if (process != null) {
                process.kill();
            }
        }
    }

    private ServiceProcesses(TestTokens tokens) {
        this.tokens = tokens;
    }

    /** This JVM's set, made (not started) on first use. */
    public static synchronized ServiceProcesses shared(TestTokens tokens) {
        if (shared == null) {
            ServiceProcesses processes = new ServiceProcesses(tokens);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Service service : List.of(processes.event, processes.ticket, processes.payment, processes.booking)) {
                    try {
                        service.kill();
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
            shared = processes;
        }
        return shared;
    }

    /** Starts the services that are not running yet, all at once, and waits until each is ready. */
    public ServiceProcesses started(Service... services) {
        try {
            List<Service> starting = new ArrayList<>();
            for (Service service : services) {
                if (!service.isAlive()) {
                    service.start();
                    starting.add(service);
                }
            }
            for (Service service : starting) {
                service.awaitReady();
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the service processes did not start", e);
        }
        return this;
    }

    private Map<String, String> environment(Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", service.jdbcUrl());
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("GRPC_PORT", Integer.toString(service.grpcPort));
        env.put("HTTP_PORT", Integer.toString(service.httpPort));
        env.put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafka().bootstrapServers());
        env.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
        env.put("SPRING_DATA_REDIS_PORT", Integer.toString(TestInfrastructure.redis().port()));
        env.put("TICKETMESH_JWKS_URL", tokens.jwksUrl());
        env.put("EVENT_SERVICE_TARGET", event.target());
        env.put("TICKET_SERVICE_TARGET", ticket.target());
        env.put("PAYMENT_SERVICE_TARGET", payment.target());
        env.put("TICKETMESH_TOKEN_URL", tokens.serviceTokenUrl());
        env.put("TICKETMESH_SERVICE_SECRET", TestTokens.SERVICE_SECRET);
        env.put("TICKETMESH_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("TICKETMESH_SEALING_PUBLIC_KEY", TestSealing.publicKey());
        env.put("TICKETMESH_PROVIDER_TIMEOUT", "500ms");
        env.put("TICKETMESH_PROVIDER_LATENCY_MIN", "1ms");
        env.put("TICKETMESH_PROVIDER_LATENCY_MAX", "5ms");
        env.put("TICKETMESH_PAYMENT_PUBLIC_URL", "http://127.0.0.1:" + payment.httpPort);
        env.put("TICKETMESH_PROVIDER_WEBHOOK_URL", "http://127.0.0.1:" + payment.httpPort + "/webhooks/simulated");
        return env;
    }
}
