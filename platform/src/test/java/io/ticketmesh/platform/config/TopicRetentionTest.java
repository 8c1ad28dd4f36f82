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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

/** Topics declared with their retention, created or brought up to date on a real broker by Spring's KafkaAdmin. */
class TopicRetentionTest {
    private final Map<String, Object> kafka = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());

    @Test
    void aMissingTopicIsCreatedWithItsRetentionAndAnExistingOneGetsIt() throws Exception {
        String missing = "ticketmesh.test.created-" + UUID.randomUUID();
        String existing = "ticketmesh.test.existing-" + UUID.randomUUID();
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(List.of(new NewTopic(existing, 2, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()))))).all().get();

            TopicRetention declared = new TopicRetention(Map.of(missing, Duration.ofDays(1), existing, Duration.ofDays(7)));
            KafkaAdmin kafkaAdmin = new KafkaAdmin(kafka);
            kafkaAdmin.setModifyTopicConfigs(true);
            assertThat(new TopicDeclarations(kafkaAdmin, declared.topics()).declareOnce()).isTrue();

            assertThat(retentionOf(admin, missing)).isEqualTo(Duration.ofDays(1).toMillis());
            assertThat(retentionOf(admin, existing)).isEqualTo(Duration.ofDays(7).toMillis());
            assertThat(admin.describeTopics(List.of(existing)).allTopicNames().get().get(existing).partitions())
                    .as("partitions are left as they are").hasSize(2);
        }
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
        TopicDeclarations declarations = new TopicDeclarations(away, new TopicRetention(Map.of("ticketmesh.test.away", Duration.ofDays(1))).topics());

        assertThat(declarations.declareOnce()).isFalse();
        declarations.start();
        assertThat(declarations.isRunning()).as("trying again in the background, the service's start not held up").isTrue();
        declarations.stop();
        assertThat(declarations.isRunning()).isFalse();
    }

    @Test
    void noRetentionDeclaredDeclaresNoTopic() {
        assertThat(new TopicRetention(null).topics()).isEmpty();
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new TopicRetention(Map.of("ticketmesh.bookings", Duration.ZERO)))
                .hasMessageContaining("ticketmesh.bookings").hasMessageContaining("must be positive");
    }

    private static long retentionOf(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return Long.parseLong(admin.describeConfigs(List.of(resource)).all().get().get(resource).get(TopicConfig.RETENTION_MS_CONFIG).value());
    }
}
