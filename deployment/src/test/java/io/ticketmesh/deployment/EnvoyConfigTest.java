package io.ticketmesh.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** envoy/envoy.yaml is a bootstrap Envoy accepts and routes every request to the service that can answer it. */
class EnvoyConfigTest {
    private static final String GRPC = "grpc_mesh";
    private final EnvoyConfig envoy = EnvoyConfig.load();
    private final Compose compose = Compose.load();

    @Test
    void mistakesEnvoyWouldRefuseAreFound() {
        String valid = Repository.read(EnvoyConfig.PATH);
        for (String broken : new String[] {
                valid.replaceFirst("connect_timeout", "conect_timeout"),
                valid.replaceFirst("lb_policy: LEAST_REQUEST", "lb_policy: FASTEST"),
                valid.replaceFirst("timeout: 10s", "timeout: ten seconds")}) {
            assertThatThrownBy(() -> EnvoyConfig.parse(broken)).isInstanceOf(InvalidProtocolBufferException.class);
        }
    }

    @Test
    void everyGrpcServiceIsRoutedToTheServiceThatImplementsIt() {
        Map<String, String> services = Repository.grpcServices();
        assertThat(services).as("gRPC services in proto/").hasSizeGreaterThanOrEqualTo(9);
        services.forEach((service, module) -> {
            assertThat(module).as("module implementing %s", service).isNotEmpty();
            assertThat(envoy.destination(GRPC, "/" + service + "/AnyMethod")).as(service)
                    .isEqualTo(module + ":" + compose.environment(module).get("GRPC_PORT"));
        });
    }

    @Test
    void grpcCallsAreRetriedWhenThatIsSafeAndHaveDeadlinesUnlessTheyStream() {
        var mesh = envoy.httpConnectionManager(GRPC).getRouteConfig().getVirtualHosts(0);
        assertThat(mesh.getRetryPolicy().getRetryOn().split(",")).contains("unavailable", "connect-failure");
        assertThat(mesh.getRetryPolicy().getNumRetries().getValue()).isBetween(1, 3);
        for (Route route : mesh.getRoutesList()) {
            RouteAction action = route.getRoute();
            assertThat(action.hasTimeout()).as("%s names its timeout", route.getMatch().getPrefix()).isTrue();
            boolean streams = Repository.streamingPackages().contains(route.getMatch().getPrefix().replaceAll("^/|\\.$", ""));
            assertThat(action.getTimeout().getSeconds() == 0).as("%s: no deadline iff it streams", route.getMatch().getPrefix())
                    .isEqualTo(streams);
        }
    }

    @Test
    void grpcUpstreamsSpeakHttp2AreHealthCheckedAndEjectHostsThatKeepFailing() throws Exception {
        Set<String> clusters = envoy.httpConnectionManager(GRPC).getRouteConfig().getVirtualHosts(0).getRoutesList().stream()
                .map(r -> r.getRoute().getCluster()).collect(Collectors.toSet());
        for (String name : clusters) {
            Cluster cluster = envoy.cluster(name);
            HttpProtocolOptions protocol = cluster.getTypedExtensionProtocolOptionsOrThrow(
                    "envoy.extensions.upstreams.http.v3.HttpProtocolOptions").unpack(HttpProtocolOptions.class);
            assertThat(protocol.getExplicitHttpConfig().hasHttp2ProtocolOptions()).as(name).isTrue();
            assertThat(cluster.getHealthChecksList()).as(name).anyMatch(h -> h.hasGrpcHealthCheck());
            assertThat(cluster.getOutlierDetection().hasConsecutiveGatewayFailure()).as(name).isTrue();
        }
        assertThat(envoy.bootstrap().getStaticResources().getClustersList())
                .allMatch(Cluster::hasOutlierDetection, "every cluster ejects failing hosts");
    }

    @Test
    void theEdgeReachesTheGatewayTheChallengePageAndLiveSeatMaps() {
        assertThat(envoy.destination("edge_http", "/api/v1/events")).isEqualTo(httpOf("gateway-rest"));
        assertThat(envoy.destination("edge_http", "/.well-known/jwks.json")).isEqualTo(httpOf("gateway-rest"));
        assertThat(envoy.destination("edge_http", "/simulated-provider/challenges/ch_1")).isEqualTo(httpOf("payment-service"));
        assertThat(envoy.destination("edge_websocket", "/ws/showtimes/s1")).isEqualTo(httpOf("realtime-service"));
        assertThat(envoy.httpConnectionManager("edge_websocket").getUpgradeConfigsList())
                .anyMatch(u -> u.getUpgradeType().equals("websocket"));
        assertThat(envoy.route("edge_websocket", "/ws/showtimes/s1").getRoute().getTimeout().getSeconds()).isZero();
    }

    @Test
    void composePublishesTheListenersAndServicesCallEachOtherThroughTheMesh() {
        for (String listener : new String[] {"edge_http", "edge_websocket", GRPC}) {
            assertThat(compose.publishedPorts("envoy")).contains(envoy.port(listener));
        }
        for (String service : Repository.serviceModules()) {
            compose.environment(service).forEach((name, value) -> {
                if (name.endsWith("_SERVICE_TARGET")) {
                    assertThat(value).as("%s of %s", name, service).isEqualTo("static://envoy:" + envoy.port(GRPC));
                }
            });
        }
    }

    @Test
    void everyUpstreamIsAServiceOfTheDeployment() {
        for (Cluster cluster : envoy.bootstrap().getStaticResources().getClustersList()) {
            String host = envoy.endpoint(cluster.getName()).split(":")[0];
            assertThat(compose.services()).as(cluster.getName()).containsKey(host);
        }
    }

    private String httpOf(String service) {
        return service + ":" + compose.environment(service).get("HTTP_PORT");
    }
}
