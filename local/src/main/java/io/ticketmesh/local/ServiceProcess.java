package io.ticketmesh.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One service running as its own JVM, its output in {@code <data>/logs/<name>.log}. */
final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final List<String> JVM_OPTIONS = List.of(
            // small heaps and the serial collector: seven JVMs share two cores and a few GiB
            "-XX:+UseSerialGC", "-Xms48m", "-Xmx320m", "-Xss512k", "-XX:ReservedCodeCacheSize=96m",
            "-XX:MaxMetaspaceSize=192m", "-XX:+ExitOnOutOfMemoryError");

    final ServiceSpec spec;
    final Path log;
    final boolean recordingAotCache;
    private final Process process;

    private ServiceProcess(ServiceSpec spec, Path log, Process process, boolean recordingAotCache) {
        this.spec = spec;
        this.log = log;
        this.process = process;
        this.recordingAotCache = recordingAotCache;
    }

    static ServiceProcess start(ServiceSpec spec, LocalConfig config, Map<String, String> environment) {
        Path jar = config.home().resolve(spec.jarPath());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./ticketmesh build)");
        }
        AotCache aot = AotCache.prepare(spec, config);
        Path log = config.dataDirectory().resolve("logs").resolve(spec.name() + ".log");
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>();
            command.add(config.javaCommand());
            command.addAll(JVM_OPTIONS);
            command.addAll(aot.jvmOptions()); // after JVM_OPTIONS: a recording's larger metaspace bound wins
            command.addAll(extraOptions());
            command.add("-jar");
            command.add(aot.jar().toString());
            ProcessBuilder builder = new ProcessBuilder(command).directory(config.home().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new ServiceProcess(spec, log, builder.start(), aot.isRecording());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name(), e);
        }
    }

    /** {@code TM_JVM_OPTIONS}, split on spaces: options to try on every service JVM (a JIT or collector setting). */
    private static List<String> extraOptions() {
        String options = System.getenv("TM_JVM_OPTIONS");
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Readiness from the actuator: UP means the context, database, Kafka client and gRPC server are all started. */
    boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + spec.httpPort() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines of its log, to show why it died. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Asks it to shut down gracefully (SIGTERM); a recording JVM then writes its AOT cache. */
    void requestStop() {
        process.destroy();
    }

    /** Waits for it to end after {@link #requestStop()}, and kills it if it has not within the grace period. */
    void awaitStop(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
