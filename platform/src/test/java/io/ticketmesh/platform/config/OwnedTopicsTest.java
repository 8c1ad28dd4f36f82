package io.ticketmesh.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketmesh.platform.testing.TestInfrastructure;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

/** Topics declared with their retention and partitions, created or brought up to date on a real broker by Spring's KafkaAdmin. */
class OwnedTopicsTest {
    private final Map<String, Object> kafka = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());

    @Test
    void aMissingTopicIsCreatedWithItsRetentionAndPartitionsAndAnExistingOneGetsThem() throws Exception {
        String missing = "ticketmesh.test.created-" + UUID.randomUUID();
        String fewer = "ticketmesh.test.fewer-" + UUID.randomUUID();
        String more = "ticketmesh.test.more-" + UUID.randomUUID();
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(List.of(existing(fewer, 2), existing(more, 8))).all().get();

            OwnedTopics declared = new OwnedTopics(Map.of(missing, Duration.ofDays(1), fewer, Duration.ofDays(7), more, Duration.ofDays(2)),
                    Map.of(missing, 3), 4);
            KafkaAdmin kafkaAdmin = new KafkaAdmin(kafka);
            kafkaAdmin.setModifyTopicConfigs(true);
            assertThat(new TopicDeclarations(kafkaAdmin, declared.topics()).declareOnce()).isTrue();

            assertThat(shown(() -> retentionOf(admin, missing), Duration.ofDays(1).toMillis())).isEqualTo(Duration.ofDays(1).toMillis());
            assertThat(shown(() -> retentionOf(admin, fewer), Duration.ofDays(7).toMillis())).isEqualTo(Duration.ofDays(7).toMillis());
            assertThat(shown(() -> retentionOf(admin, more), Duration.ofDays(2).toMillis())).isEqualTo(Duration.ofDays(2).toMillis());
            assertThat(shown(() -> partitionsOf(admin, missing), 3)).as("its own count").isEqualTo(3);
            assertThat(shown(() -> partitionsOf(admin, fewer), 4)).as("raised to the default").isEqualTo(4);
            assertThat(partitionsOf(admin, more)).as("Kafka cannot take partitions away").isEqualTo(8);
        }
    }

    private static NewTopic existing(String name, int partitions) {
        return new NewTopic(name, partitions, (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis())));
    }

    @Test
    void withKafkaAwayADeclarationFailsQuietlyToBeTriedAgain() throws Exception {
        int nothingListens;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothingListens = closed.getLocalPort();
        }
        KafkaAdmin away = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + nothingListens,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000));
        away.setOperationTimeout(1);
        away.setCloseTimeout(1);
        TopicDeclarations declarations = new TopicDeclarations(away, new OwnedTopics(Map.of("ticketmesh.test.away", Duration.ofDays(1)), null, 6).topics());

        assertThat(declarations.declareOnce()).isFalse();
        declarations.start();
        assertThat(declarations.isRunning()).as("trying again in the background, the service's start not held up").isTrue();
        declarations.stop();
        assertThat(declarations.isRunning()).isFalse();
    }

    @Test
    void noRetentionDeclaredDeclaresNoTopic() {
        assertThat(new OwnedTopics(null, null, 6).topics()).isEmpty();
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new OwnedTopics(Map.of("ticketmesh.bookings", Duration.ZERO), null, 6))
                .hasMessageContaining("ticketmesh.bookings").hasMessageContaining("must be positive");
    }

    @Test
    void partitionsForATopicNotOwnedOrBelowOneAreRefusedAtStartUp() {
        Map<String, Duration> owned = Map.of("ticketmesh.bookings", Duration.ofDays(7));
        assertThatThrownBy(() -> new OwnedTopics(owned, Map.of("ticketmesh.payments", 3), 6))
                .hasMessageContaining("ticketmesh.payments").hasMessageContaining("not a topic of this service's");
        assertThatThrownBy(() -> new OwnedTopics(owned, Map.of("ticketmesh.bookings", 0), 6))
                .hasMessageContaining("partitions of ticketmesh.bookings must be at least 1");
        assertThatThrownBy(() -> new OwnedTopics(owned, null, 0)).hasMessageContaining("default-partitions must be at least 1");
        assertThat(new OwnedTopics(owned, null, 6).partitionsOf("ticketmesh.bookings")).isEqualTo(6);
    }

    private static int partitionsOf(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    /**
     * What the broker shows once it shows the expected value, or what it shows after ten seconds: a change the
     * controller has applied (a topic created, its retention or partitions changed) reaches the broker's answers a
     * moment later, and until then a read gives the old value or fails.
     */
    private static <T> T shown(Callable<T> read, T expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                T value = read.call();
                if (value.equals(expected) || System.nanoTime() > deadline) {
                    return value;
                }
            } catch (ExecutionException notYetKnown) {
                if (System.nanoTime() > deadline) {
                    throw notYetKnown;
                }
            }
            Thread.sleep(100);
        }
    }

    private static long retentionOf(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return Long.parseLong(admin.describeConfigs(List.of(resource)).all().get().get(resource).get(TopicConfig.RETENTION_MS_CONFIG).value());
    }
}
