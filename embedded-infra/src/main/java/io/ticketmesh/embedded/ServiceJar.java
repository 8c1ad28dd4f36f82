package io.ticketmesh.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service's built jar run as a child JVM (for a benchmark or a test with real processes), its output in a log file. */
public final class ServiceJar implements AutoCloseable {
    private final String module;
    private final Process process;
    private final Path log;

    private ServiceJar(String module, Process process, Path log) {
        this.module = module;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code <module>/target/<module>-0.1.0-SNAPSHOT.jar} of the checkout in TICKETMESH_HOME, or else of the
     * nearest directory upwards that has the module (a module's tests run in the module's directory).
     */
    public static ServiceJar start(String module, Map<String, String> environment, Path log, String... jvmOptions) throws IOException {
        Path jar = home(module).resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./ticketmesh build first");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ServiceJar(module, builder.start(), log);
    }

    private static Path home(String module) {
        String configured = System.getenv("TICKETMESH_HOME");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(module)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return Path.of(".");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once, as a crash would (SIGKILL: no shutdown hooks, nothing flushed). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits until the actuator on {@code httpPort} says ready. */
    public void awaitReady(int httpPort, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited; see " + log);
            }
            try {
                // a probe a stuck service accepts but never answers gives up, so the deadline below is kept
                HttpRequest probe = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build();
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting, or not answering in time (HttpTimeoutException)
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(module + " was not ready within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
