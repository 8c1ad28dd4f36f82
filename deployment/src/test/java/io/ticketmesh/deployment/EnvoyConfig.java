package io.ticketmesh.deployment;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.access_loggers.stream.v3.StdoutAccessLog;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.util.NoSuchElementException;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * envoy/envoy.yaml read as Envoy reads it: into its bootstrap proto, typed configs included, so a misspelled field, a
 * bad enum or a bad duration is an error; and questions about it (which cluster serves a path, where a cluster is).
 */
record EnvoyConfig(Bootstrap bootstrap) {
    static final String PATH = "envoy/envoy.yaml";
    private static final JsonFormat.TypeRegistry TYPED_CONFIGS = JsonFormat.TypeRegistry.newBuilder()
            .add(HttpConnectionManager.getDescriptor()).add(Router.getDescriptor()).add(StdoutAccessLog.getDescriptor())
            .add(HttpProtocolOptions.getDescriptor()).add(PreviousHostsPredicate.getDescriptor()).build();

    static EnvoyConfig load() {
        try {
            return parse(Repository.read(PATH));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(PATH + " is not a valid Envoy bootstrap: " + e.getMessage(), e);
        }
    }

    static EnvoyConfig parse(String yaml) throws InvalidProtocolBufferException {
        String json = JsonMapper.builder().build().writeValueAsString(new Yaml().load(yaml));
        Bootstrap.Builder bootstrap = Bootstrap.newBuilder();
        JsonFormat.parser().usingTypeRegistry(TYPED_CONFIGS).merge(json, bootstrap);
        return new EnvoyConfig(bootstrap.build());
    }

    Listener listener(String name) {
        return bootstrap.getStaticResources().getListenersList().stream().filter(l -> l.getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no listener " + name));
    }

    HttpConnectionManager httpConnectionManager(String listener) {
        try {
            return listener(listener).getFilterChains(0).getFilters(0).getTypedConfig().unpack(HttpConnectionManager.class);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** The route a request for this path takes on this listener: the first that matches, as Envoy picks it. */
    Route route(String listener, String path) {
        return httpConnectionManager(listener).getRouteConfig().getVirtualHosts(0).getRoutesList().stream()
                .filter(r -> r.getMatch().hasPrefix() ? path.startsWith(r.getMatch().getPrefix()) : path.equals(r.getMatch().getPath()))
                .findFirst().orElseThrow(() -> new NoSuchElementException("no route for " + path + " on " + listener));
    }

    Cluster cluster(String name) {
        return bootstrap.getStaticResources().getClustersList().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no cluster " + name));
    }

    /** host:port of the cluster's (single) endpoint. */
    String endpoint(String cluster) {
        SocketAddress address = cluster(cluster).getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint()
                .getAddress().getSocketAddress();
        return address.getAddress() + ":" + address.getPortValue();
    }

    /** host:port where a request for this path on this listener ends up. */
    String destination(String listener, String path) {
        return endpoint(route(listener, path).getRoute().getCluster());
    }

    int port(String listener) {
        return listener(listener).getAddress().getSocketAddress().getPortValue();
    }
}
