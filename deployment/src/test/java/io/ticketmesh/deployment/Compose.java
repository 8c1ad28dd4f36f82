package io.ticketmesh.deployment;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** docker-compose.yml with anchors and merge keys resolved, and the questions the checks ask of it. */
record Compose(Map<String, Object> file) {
    static final String PATH = "docker-compose.yml";

    static Compose load() {
        return new Compose(Repository.yaml(PATH));
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) file.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError(PATH + " has no service " + name);
        }
        return service;
    }

    /** The service's environment as written (interpolations such as ${X:?...} left as they are). */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new TreeMap<>();
        Object declared = service(service).get("environment");
        if (declared instanceof Map<?, ?> map) {
            map.forEach((name, value) -> environment.put(name.toString(), String.valueOf(value)));
        }
        return environment;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String service, String... path) {
        Object node = service(service);
        for (String key : path) {
            node = node instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return (T) node;
    }

    /** Container-side ports the service publishes ("8080:8080", "127.0.0.1:9901:9901" give 8080 and 9901). */
    List<Integer> publishedPorts(String service) {
        List<Object> ports = get(service, "ports");
        return ports == null ? List.of() : ports.stream().map(p -> {
            String[] parts = p.toString().split(":");
            return Integer.parseInt(parts[parts.length - 1]);
        }).toList();
    }
}
