package io.ticketmesh.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docker-compose.yml follows the compose specification and runs every service as the local stack does: same ports,
 * every setting that defaults to this machine pointed at a container of the deployment, secrets from .env.
 */
class ComposeFileTest {
    /** Ports the infrastructure images listen on by default. */
    private static final Map<String, Set<Integer>> INFRASTRUCTURE_PORTS = Map.of(
            "postgres", Set.of(5432), "redis", Set.of(6379), "kafka", Set.of(9092), "mailpit", Set.of(1025, 8025));
    private static final Pattern ADDRESS = Pattern.compile("(?:static|https?|jdbc:postgresql)://([a-z0-9-]+):(\\d+)|^([a-z0-9-]+):(\\d+)$");
    private static final Pattern CREATE_DATABASE = Pattern.compile("CREATE DATABASE (\\w+);");

    private final Compose compose = Compose.load();

    @Test
    void followsTheComposeSpecification() throws IOException {
        assertThat(violations(Repository.read(Compose.PATH))).isEmpty();
        String misspelt = Repository.read(Compose.PATH).replaceFirst("\n    environment:", "\n    enviroment:");
        assertThat(violations(misspelt)).as("a misspelt key is caught").isNotEmpty();
    }

    @Test
    void runsEveryServiceModuleFromItsOwnBuildOfTheDockerfile() {
        String dockerfile = Repository.read("Dockerfile");
        assertThat(dockerfile).contains("ARG MODULE", "/src/${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar");
        for (String module : Repository.serviceModules()) {
            assertThat(compose.<String>get(module, "build", "dockerfile")).as(module).isEqualTo("Dockerfile");
            assertThat(compose.<String>get(module, "build", "args", "MODULE")).as(module).isEqualTo(module);
            assertThat(compose.<Object>get(module, "healthcheck")).as(module + " health check").isNotNull();
        }
    }

    @Test
    void servicesListenOnTheLocalStacksPorts() {
        for (String module : Repository.serviceModules()) {
            Map<String, String> settings = Repository.settings(module);
            for (String port : new String[] {"GRPC_PORT", "HTTP_PORT"}) {
                assertThat(compose.environment(module).get(port)).as("%s of %s", port, module).isEqualTo(settings.get(port));
            }
        }
    }

    @Test
    void everySettingThatDefaultsToThisMachineOrToNothingIsSet() {
        for (String module : Repository.serviceModules()) {
            Map<String, String> environment = compose.environment(module);
            Repository.settings(module).forEach((name, fallback) -> {
                if (fallback != null && (fallback.isEmpty() || fallback.contains("127.0.0.1") || fallback.contains("localhost"))) {
                    assertThat(environment).as("%s of %s (defaults to '%s')", name, module, fallback).containsKey(name);
                }
            });
            environment.forEach((name, value) -> assertThat(value.startsWith("${") || !value.matches(".*(127\\.0\\.0\\.1|localhost).*"))
                    .as("%s of %s points at the container itself: %s", name, module, value).isTrue());
        }
    }

    @Test
    void addressesNameServicesOfTheDeploymentOnPortsTheyListenOn() {
        EnvoyConfig envoy = EnvoyConfig.load();
        for (String service : compose.services().keySet()) {
            compose.environment(service).forEach((name, value) -> {
                Matcher address = ADDRESS.matcher(value);
                if (value.startsWith("${") || !address.find()) { // ${...}: set by the operator in .env
                    return;
                }
                String host = address.group(1) != null ? address.group(1) : address.group(3);
                int port = Integer.parseInt(address.group(2) != null ? address.group(2) : address.group(4));
                assertThat(compose.services()).as("%s of %s", name, service).containsKey(host);
                assertThat(portsOf(host, envoy)).as("%s of %s: %s", name, service, value).contains(port);
            });
        }
    }

    @Test
    void everyServiceHasItsOwnDatabaseCreatedBeforeItStarts() {
        Set<String> created = new HashSet<>();
        Matcher create = CREATE_DATABASE.matcher(Repository.read("deployment/postgres/init.sql"));
        while (create.find()) {
            created.add(create.group(1));
        }
        Set<String> used = new HashSet<>();
        for (String module : Repository.serviceModules()) {
            String url = compose.environment(module).get("DATABASE_URL");
            if (url == null) {
                continue;
            }
            String database = url.substring(url.lastIndexOf('/') + 1);
            assertThat(used.add(database)).as("%s shares database %s", module, database).isTrue();
            assertThat(compose.<String>get(module, "depends_on", "postgres", "condition")).as(module).isEqualTo("service_healthy");
        }
        assertThat(created).isEqualTo(used);
        List<String> volumes = compose.get("postgres", "volumes");
        assertThat(volumes).contains("./deployment/postgres/init.sql:/docker-entrypoint-initdb.d/init.sql:ro");
    }

    /**
     * PostgreSQL's connection limit takes every service's pool twice over (a second replica of each, or a rolling
     * deploy's overlap): past it, a service under load is refused connections ("too many clients already").
     */
    @Test
    void postgresTakesEveryServicesConnectionPoolTwice() {
        int pools = 0;
        for (String module : Repository.serviceModules()) {
            if (compose.environment(module).get("DATABASE_URL") != null) {
                pools += poolSize(module);
            }
        }
        List<String> command = compose.get("postgres", "command");
        int limit = command.stream().filter(option -> option.startsWith("max_connections=")).findFirst()
                .map(option -> Integer.parseInt(option.substring("max_connections=".length()))).orElse(100);
        assertThat(pools).as("connections the services' pools may open").isPositive();
        assertThat(limit).as("postgres max_connections").isGreaterThanOrEqualTo(2 * pools);
    }

    /** A service's pool size: compose's DATABASE_POOL_SIZE, else its application.yml's, else the platform default. */
    private int poolSize(String module) {
        String configured = compose.environment(module).get("DATABASE_POOL_SIZE");
        if (configured == null) {
            Matcher own = Pattern.compile("maximum-pool-size: (\\d+)").matcher(Repository.read(module + "/src/main/resources/application.yml"));
            configured = own.find() ? own.group(1) : Repository.settings(module).get("DATABASE_POOL_SIZE");
        }
        return Integer.parseInt(configured);
    }

    @Test
    void secretsComeFromTheEnvironmentFileAndTheExampleNamesThemAll() {
        String example = Repository.read("deployment/env.example");
        for (String module : Repository.serviceModules()) {
            Map<String, String> environment = compose.environment(module);
            Repository.settings(module).forEach((name, fallback) -> {
                if ("".equals(fallback)) {
                    Matcher required = Pattern.compile("^\\$\\{(\\w+):\\?.+}$").matcher(environment.get(name));
                    assertThat(required.matches()).as("%s of %s is required from .env: %s", name, module, environment.get(name)).isTrue();
                    assertThat(example).contains(required.group(1) + "=");
                }
            });
        }
    }

    private Set<Integer> portsOf(String host, EnvoyConfig envoy) {
        if (host.equals("envoy")) {
            return Set.copyOf(compose.publishedPorts("envoy"));
        }
        if (INFRASTRUCTURE_PORTS.containsKey(host)) {
            return INFRASTRUCTURE_PORTS.get(host);
        }
        Set<Integer> ports = new HashSet<>();
        for (String port : new String[] {"GRPC_PORT", "HTTP_PORT"}) {
            String value = compose.environment(host).get(port);
            if (value != null) {
                ports.add(Integer.parseInt(value));
            }
        }
        return ports;
    }

    private static List<Error> violations(String composeYaml) throws IOException {
        try (InputStream spec = ComposeFileTest.class.getResourceAsStream("/compose-spec.json")) {
            JsonMapper json = JsonMapper.builder().build();
            JsonNode specification = withoutDraft4Ids(json.readTree(spec));
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(
                    SchemaLocation.of("https://compose-spec.io/schema.json"), specification);
            return schema.validate(json.valueToTree(new Yaml().load(composeYaml)));
        }
    }

    /**
     * The specification declares draft 2019-09 but still labels its parts with draft 4's {@code "id": "..."}, which
     * 2019-09 validators refuse as an unknown keyword; the labels constrain nothing, so they are dropped.
     */
    private static JsonNode withoutDraft4Ids(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("id").isString()) {
                object.remove("id");
            }
            object.forEach(ComposeFileTest::withoutDraft4Ids);
        } else if (node.isArray()) {
            node.forEach(ComposeFileTest::withoutDraft4Ids);
        }
        return node;
    }
}
