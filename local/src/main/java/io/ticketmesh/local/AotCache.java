package io.ticketmesh.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes service JVMs start faster with the JDK's ahead-of-time cache (JEP 483/514/515): classes loaded and linked,
 * and method profiles, recorded once and reused. The Spring Boot jar is extracted (the cache only covers classes
 * from plain jars), the first run records with {@code -XX:AOTCacheOutput} and writes the cache when the service
 * exits cleanly, and later runs load it with {@code -XX:AOTCache}. A rebuilt jar starts a new recording.
 */
final class AotCache {
    /** Overrides the services' {@code -XX:MaxMetaspaceSize=192m} (the later option wins) while recording. */
    static final String RECORDING_METASPACE = "-XX:MaxMetaspaceSize=640m";
    private final Path directory;
    private final Path extractedJar;
    private final Path cacheFile;

    AotCache(Path directory, String name) {
        this.directory = directory;
        this.extractedJar = directory.resolve("app").resolve(name + ".jar");
        this.cacheFile = directory.resolve(name + ".aot");
    }

    /** Extracts the service jar unless the extraction is current; returns where the service runs from. */
    static AotCache prepare(ServiceSpec spec, LocalConfig config) {
        Path jar = config.home().resolve(spec.jarPath());
        AotCache cache = new AotCache(config.dataDirectory().resolve("aot").resolve(spec.name()), spec.name());
        try {
            String stamp = Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
            Path stampFile = cache.directory.resolve("stamp");
            if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp) && Files.isRegularFile(cache.extractedJar)) {
                return cache;
            }
            Files.createDirectories(cache.directory);
            Files.deleteIfExists(cache.cacheFile);
            Process extract = new ProcessBuilder(config.javaCommand(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--destination", cache.directory.resolve("app").toString(),
                    "--application-filename", spec.name() + ".jar", "--force")
                    .redirectErrorStream(true).redirectOutput(cache.directory.resolve("extract.log").toFile()).start();
            if (extract.waitFor() != 0) {
                throw new IllegalStateException("could not extract " + jar + " (see " + cache.directory.resolve("extract.log") + ")");
            }
            Files.writeString(stampFile, stamp);
            return cache;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + spec.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing " + spec.name(), e);
        }
    }

    /**
     * The JVM options for this run: use the cache, or record one (none when TM_AOT=off). A recording run has room for
     * more metaspace than the services' usual bound: the JVM writes the cache through a buffer no larger than its
     * compressed class space, which that bound (192 MB) makes 160 MB, and a service that served a while before it
     * stopped (its classes, and the profiles of every method compiled) needs more: ticket-service's failed to be written
     * after a few benchmark runs ("Unable to allocate from 'ro' region"), and every start recorded again.
     */
    List<String> jvmOptions() {
        return jvmOptions(enabled());
    }

    List<String> jvmOptions(boolean enabled) {
        if (!enabled) {
            return List.of();
        }
        return Files.isRegularFile(cacheFile)
                ? List.of("-XX:AOTCache=" + cacheFile)
                : List.of("-XX:AOTCacheOutput=" + cacheFile, RECORDING_METASPACE);
    }

    boolean isRecording() {
        return enabled() && !Files.isRegularFile(cacheFile);
    }

    private static boolean enabled() {
        return !"off".equalsIgnoreCase(System.getenv("TM_AOT"));
    }

    Path jar() {
        return extractedJar;
    }
}
