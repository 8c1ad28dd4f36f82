package io.ticketmesh.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import sun.misc.Signal;

/**
 * {@code ./ticketmesh up}: starts PostgreSQL, Redis, Kafka and SMTP in this process, then every service as its own
 * JVM, waits until all are ready, prints what runs where, and stops everything cleanly on Ctrl-C (or SIGTERM).
 */
public final class LocalStack {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    /** Created by gateway-rest when TICKETMESH_DEMO_DATA is true (see its DemoData). */
    private static final String DEMO_PASSWORD = "demo-password-1";
    private static final List<List<String>> DEMO_ACCOUNTS = List.of(
            List.of("owner@demo.ticketmesh.dev", "OWNER of Demo Theatre"),
            List.of("staff@demo.ticketmesh.dev", "STAFF of Demo Theatre"),
            List.of("alice@demo.ticketmesh.dev", "customer"));

    private final LocalConfig config;
    private final List<ServiceProcess> services = new ArrayList<>();
    private Infrastructure infrastructure;
    private SealingKeys sealing;
    private volatile boolean failed;
    private String demoCatalog = "";

    private LocalStack(LocalConfig config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        LocalConfig config;
        try {
            config = LocalConfig.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(config);
        CountDownLatch stopRequested = new CountDownLatch(1);
        // Handle Ctrl-C and SIGTERM ourselves: the ordered stop (services, then Kafka, then PostgreSQL) must finish
        // before JVM shutdown hooks run, one of which deletes the embedded Kafka broker's log directory.
        for (String signal : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(signal), s -> stopRequested.countDown());
        }
        Thread starter = Thread.ofPlatform().name("local-stack-start").start(() -> {
            try {
                stack.start();
            } catch (RuntimeException e) {
                System.err.println("\nThe local stack did not start: " + e.getMessage());
                stack.failed = true;
                stopRequested.countDown();
            }
        });
        stopRequested.await();
        starter.interrupt();
        starter.join(5_000);
        stack.stop();
        System.exit(stack.failed ? 1 : 0);
    }

    private void start() {
        long began = System.nanoTime();
        if (config.fresh()) {
            deleteRecursively(config.dataDirectory());
            say("--fresh: removed " + config.dataDirectory());
        }
        say("starting PostgreSQL, Redis, Kafka and SMTP ...");
        infrastructure = Infrastructure.start(config);
        say("infrastructure ready in " + seconds(began) + " s; starting services ...");
        sealing = SealingKeys.in(config.dataDirectory());
        Map<String, String> environment = environment();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Map<String, String> env = new LinkedHashMap<>(environment);
            if (spec.name().equals("workers")) {
                env.put("TICKETMESH_SEALING_PRIVATE_KEY", sealing.privateKey());
            }
            if (spec.database() != null) {
                env.put("DATABASE_URL", infrastructure.postgres.jdbcUrl(spec.database()));
            }
            env.put("HTTP_PORT", Integer.toString(spec.httpPort()));
            if (spec.grpcPort() > 0) {
                env.put("GRPC_PORT", Integer.toString(spec.grpcPort()));
            }
            services.add(ServiceProcess.start(spec, config, env));
        }
        awaitReady();
        String healthyAfter = seconds(began);
        String catalog;
        try {
            catalog = DemoCatalog.seed("owner@demo.ticketmesh.dev", DEMO_PASSWORD);
        } catch (Exception e) {
            catalog = "not seeded: " + e.getMessage();
        }
        demoCatalog = catalog;
        printTable(healthyAfter);
        if (services.stream().anyMatch(s -> s.recordingAotCache)) {
            say("first start of this build: each service records an AOT cache, written when it stops; later starts are faster");
        }
    }

    /** What every service is told about the infrastructure and about each other. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafka.bootstrapServers());
        env.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
        env.put("SPRING_DATA_REDIS_PORT", Integer.toString(infrastructure.redis.port()));
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(infrastructure.smtp.port()));
        env.put("TICKETMESH_JWKS_URL", "http://127.0.0.1:8080/.well-known/jwks.json");
        env.put("TICKETMESH_DEMO_DATA", "true");
        // secrets shared by two processes, new on every start: booking-service's client secret at the gateway, and
        // the key the simulated card provider signs its webhooks with
        env.put("TICKETMESH_SERVICE_SECRET", randomSecret());
        env.put("TICKETMESH_WEBHOOK_SECRET", randomSecret());
        // the public half of workers' key, which seals the secrets events carry for them (its private half: workers
        // alone, below)
        env.put("TICKETMESH_SEALING_PUBLIC_KEY", sealing.publicKey());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (spec.grpcPort() > 0) {
                String variable = spec.name().replace("-service", "").toUpperCase() + "_SERVICE_TARGET";
                env.put(variable, "static://127.0.0.1:" + spec.grpcPort());
            }
        }
        // plain text logs would be easier to read, but the files are for machines and grep: keep JSON
        env.putIfAbsent("LOG_FORMAT", System.getenv().getOrDefault("LOG_FORMAT", "ecs"));
        return env;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(service.spec.name() + " exited; the end of " + service.log + ":\n"
                            + service.tail(30));
                }
                if (service.isReady()) {
                    waiting.remove(service);
                    say(service.spec.name() + " is ready");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after " + START_TIMEOUT.toSeconds() + " s: "
                        + waiting.stream().map(s -> s.spec.name() + " (see " + s.log + ")").toList());
            }
            sleep(250);
        }
    }

    private void printTable(String elapsed) {
        StringBuilder table = new StringBuilder("\n");
        String row = "  %-18s %-26s %-30s%n";
        table.append(String.format(row, "component", "gRPC", "HTTP"));
        table.append(String.format(row, "-".repeat(18), "-".repeat(26), "-".repeat(30)));
        for (ServiceProcess service : services) {
            ServiceSpec spec = service.spec;
            table.append(String.format(row, spec.name(), spec.grpcPort() > 0 ? "127.0.0.1:" + spec.grpcPort() : "-",
                    "http://127.0.0.1:" + spec.httpPort()));
        }
        table.append(String.format(row, "postgresql", "-", "jdbc:postgresql://127.0.0.1:" + infrastructure.postgres.port()));
        table.append(String.format(row, "redis", "-", "redis://127.0.0.1:" + infrastructure.redis.port()));
        table.append(String.format(row, "kafka", "-", infrastructure.kafka.bootstrapServers()));
        table.append(String.format(row, "smtp", "-", "smtp://127.0.0.1:" + infrastructure.smtp.port()));
        table.append(String.format(row, "mailbox", "-", "http://127.0.0.1:" + infrastructure.mailbox.port()));
        table.append("\n  demo accounts (password ").append(DEMO_PASSWORD).append("):");
        DEMO_ACCOUNTS.forEach(account -> table.append(String.format("%n    %-28s %s", account.get(0), account.get(1))));
        table.append("\n  demo catalog: ").append(demoCatalog);
        table.append("\n  API docs: http://127.0.0.1:8080/swagger-ui.html");
        table.append("\n  data: ").append(config.dataDirectory()).append("   logs: ").append(config.dataDirectory().resolve("logs"));
        table.append("\n  all healthy in ").append(elapsed).append(" s; resident memory of the whole stack: ")
                .append(ResidentMemory.totalMiB()).append(" MiB");
        table.append("\n  Ctrl-C stops everything.\n");
        System.out.println(table);
        System.out.flush();
    }

    private synchronized void stop() {
        if (services.isEmpty() && infrastructure == null) {
            return;
        }
        say("stopping services ...");
        // all at once: each JVM finishes its in-flight work and, on a first run, writes its AOT cache
        services.forEach(ServiceProcess::requestStop);
        // writing an AOT cache takes a JVM tens of seconds on a busy machine; killing it then loses the recording
        services.forEach(s -> s.awaitStop(Duration.ofSeconds(s.recordingAotCache ? 150 : 30)));
        services.clear();
        if (infrastructure != null) {
            say("stopping infrastructure ...");
            infrastructure.close();
            infrastructure = null;
        }
        say("stopped.");
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + directory, e);
        }
    }

    private static String seconds(long since) {
        return String.format("%.1f", (System.nanoTime() - since) / 1e9);
    }

    private static void say(String message) {
        System.out.println("[ticketmesh] " + message);
        System.out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
