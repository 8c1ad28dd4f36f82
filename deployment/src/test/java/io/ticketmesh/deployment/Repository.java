package io.ticketmesh.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What the deployment files are checked against, read from the repository itself: the services (modules with an
 * application.yml), the settings each reads from the environment, and which module serves which gRPC service.
 */
final class Repository {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern PROTO_PACKAGE = Pattern.compile("(?m)^package ([a-z0-9.]+);");
    private static final Pattern PROTO_SERVICE = Pattern.compile("(?m)^service (\\w+) \\{");
    private static final Pattern STREAMING_RPC = Pattern.compile("rpc \\w+\\s*\\(\\s*stream |returns\\s*\\(\\s*stream ");
    private static final Pattern IMPLEMENTATION = Pattern.compile("extends (\\w+)Grpc\\.\\w+ImplBase");

    private Repository() {}

    static String read(String path) {
        try {
            return Files.readString(ROOT.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML file as maps and lists; anchors and merge keys ({@code <<}) resolved as docker compose resolves them. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String path) {
        LoaderOptions strict = new LoaderOptions();
        strict.setAllowDuplicateKeys(false); // docker compose refuses a key given twice
        return (Map<String, Object>) new Yaml(strict).load(read(path));
    }

    /** Modules that run as a service: those with a Spring Boot application.yml. */
    static List<String> serviceModules() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.filter(m -> Files.exists(m.resolve("src/main/resources/application.yml")))
                    .map(m -> m.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Environment variables a service reads, with their defaults ("" when it has an empty one, null when none): its
     * application.yml's and the platform's shared defaults.
     */
    static Map<String, String> settings(String module) {
        Map<String, String> settings = new TreeMap<>();
        addPlaceholders(read("platform/src/main/java/io/ticketmesh/platform/config/PlatformDefaults.java"), settings);
        addPlaceholders(read(module + "/src/main/resources/application.yml"), settings);
        return settings;
    }

    private static void addPlaceholders(String text, Map<String, String> into) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            into.put(placeholder.group(1), placeholder.group(2));
        }
    }

    /**
     * Every gRPC service of ours in proto/ by full name (e.g. ticketmesh.ticket.v1.InventoryService), with the module that
     * implements it ("" when none does).
     */
    static Map<String, String> grpcServices() {
        Map<String, String> fullNames = new LinkedHashMap<>();
        forEachFile(ROOT.resolve("proto/ticketmesh"), ".proto", (path, text) -> {
            Matcher pkg = PROTO_PACKAGE.matcher(text);
            Matcher service = PROTO_SERVICE.matcher(text);
            while (service.find()) {
                fullNames.put(service.group(1), (pkg.find(0) ? pkg.group(1) + "." : "") + service.group(1));
            }
        });
        Map<String, String> modules = new TreeMap<>();
        fullNames.values().forEach(name -> modules.put(name, ""));
        for (String module : serviceModules()) {
            forEachFile(ROOT.resolve(module, "src/main/java"), ".java", (path, text) -> {
                Matcher implementation = IMPLEMENTATION.matcher(text);
                while (implementation.find()) {
                    modules.put(fullNames.get(implementation.group(1)), module);
                }
            });
        }
        return modules;
    }

    /** Proto packages with an RPC that streams (a deadline would cut it). */
    static Set<String> streamingPackages() {
        Set<String> packages = new TreeSet<>();
        forEachFile(ROOT.resolve("proto/ticketmesh"), ".proto", (path, text) -> {
            Matcher pkg = PROTO_PACKAGE.matcher(text);
            if (STREAMING_RPC.matcher(text).find() && pkg.find()) {
                packages.add(pkg.group(1));
            }
        });
        return packages;
    }

    private static void forEachFile(Path directory, String suffix, BiConsumer<Path, String> action) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                action.accept(file, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
