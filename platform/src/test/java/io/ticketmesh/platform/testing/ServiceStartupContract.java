package io.ticketmesh.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.config.OwnedTopics;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every Ticketmesh process promises once started against real PostgreSQL, Redis and Kafka: actuator
 * liveness and readiness UP and Prometheus metrics on its HTTP port, which listens on loopback only in tests, and the
 * topics it publishes kept by Kafka as long as it declares ({@link #ownedTopics()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class ServiceStartupContract {
    private static final int HTTP_PORT = FreePorts.next();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "service");
        registry.add("server.port", () -> HTTP_PORT);
    }

    protected static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAndReadinessAreUp() throws Exception {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> health = get(probe);
            assertThat(health.statusCode()).as(probe).isEqualTo(200);
            assertThat(health.body()).as(probe).contains("\"UP\"");
        }
    }

    @Autowired
    private MeterRegistry meters;

    @Test
    void metricsAreNotPushedWithoutACollector() {
        assertThat(meters instanceof CompositeMeterRegistry composite ? composite.getRegistries() : Set.of(meters))
                .as("OTLP push is off unless a collector is named").noneMatch(r -> r.getClass().getSimpleName().startsWith("Otlp"));
    }

    @Autowired
    private ObservationRegistry observations;

    @Test
    void anObservedCallIsTimedWithoutALongTaskTimerOfItsOwn() {
        Observation.createNotStarted("ticketmesh.contract.observed", observations).observe(() -> { });
        assertThat(meters.find("ticketmesh.contract.observed").timer()).as("the call's timer").isNotNull();
        assertThat(meters.find("ticketmesh.contract.observed.active").longTaskTimer()).as("calls in flight, read by nothing").isNull();
    }

    @Test
    void httpListensOnLoopbackOnly() {
        assertLoopbackOnly(HTTP_PORT);
    }

    /** Connecting to the port through any of the machine's other addresses is refused. */
    protected static void assertLoopbackOnly(int port) {
        List<InetAddress> others = otherAddresses();
        assumeTrue(!others.isEmpty(), "the machine has no address besides loopback");
        for (InetAddress address : others) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2_000);
                }
            }).as("port %d reached through %s", port, address).isInstanceOf(ConnectException.class);
        }
    }

    private static List<InetAddress> otherAddresses() {
        try {
            return NetworkInterface.networkInterfaces().filter(ServiceStartupContract::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).toList();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    @Autowired
    private OwnedTopics topics;

    /** The topics this service publishes, each declared with its retention and partitions; none for one that publishes none. */
    protected Set<String> ownedTopics() {
        return Set.of();
    }

    @Test
    void theTopicsTheServiceOwnsAreKeptForTheirDeclaredRetentionOnTheirPartitions() throws Exception {
        assertThat(topics.retention().keySet()).as("ticketmesh.kafka.retention").isEqualTo(ownedTopics());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers()))) {
            for (Map.Entry<String, Duration> topic : topics.retention().entrySet()) {
                // declared in the background once the service is up
                String expected = Long.toString(topic.getValue().toMillis());
                long deadline = System.currentTimeMillis() + 60_000;
                String retention = retentionOf(admin, topic.getKey());
                while (!expected.equals(retention) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                    retention = retentionOf(admin, topic.getKey());
                }
                assertThat(retention).as(topic.getKey()).isEqualTo(expected);
                assertThat(admin.describeTopics(List.of(topic.getKey())).allTopicNames().get().get(topic.getKey()).partitions())
                        .as("partitions of " + topic.getKey()).hasSizeGreaterThanOrEqualTo(topics.partitionsOf(topic.getKey()));
            }
        }
    }

    /** The topic's retention in milliseconds, null while it does not exist. */
    private static String retentionOf(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return config.get(TopicConfig.RETENTION_MS_CONFIG).value();
        } catch (ExecutionException missing) {
            return null;
        }
    }

    @Test
    void prometheusMetricsAreExposed() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }
}
