package io.ticketmesh.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketmesh.platform.testing.TestInfrastructure;
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
            kafkaAdmin.createOrModifyTopics(declared.topics().toArray(NewTopic[]::new));

            assertThat(retentionOf(admin, missing)).isEqualTo(Duration.ofDays(1).toMillis());
            assertThat(retentionOf(admin, existing)).isEqualTo(Duration.ofDays(7).toMillis());
            assertThat(admin.describeTopics(List.of(existing)).allTopicNames().get().get(existing).partitions())
                    .as("partitions are left as they are").hasSize(2);
        }
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
