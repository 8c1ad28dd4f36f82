package io.ticketmesh.platform.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * How long Kafka keeps the events of each topic a service publishes, declared by the service that owns the topic
 * ({@code ticketmesh.kafka.retention}: the topic's name, in brackets, to a duration). Once the service is up,
 * {@link TopicDeclarations} has Spring's {@link KafkaAdmin} create a topic that is missing (its partitions and replicas
 * the broker's defaults) and set the retention of one that exists (a consumer may have made it first). Events carry names, addresses and one-time links'
 * tokens, so how long they outlive an account's closing or a link's expiry is chosen per topic here, not left to the
 * broker's default; each service's README says why its figures are what they are.
 *
 * @param retention each topic's retention
 */
@ConfigurationProperties("ticketmesh.kafka")
public record TopicRetention(Map<String, Duration> retention) {
    public TopicRetention {
        retention = retention == null ? Map.of() : Map.copyOf(retention);
        retention.forEach((topic, kept) -> {
            if (kept.isNegative() || kept.isZero()) {
                throw new IllegalArgumentException("ticketmesh.kafka.retention of " + topic + " must be positive, not " + kept);
            }
        });
    }

    /** The topics, each with its retention, for KafkaAdmin to create or bring up to date. */
    public List<NewTopic> topics() {
        return retention.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(topic -> TopicBuilder.name(topic.getKey())
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.getValue().toMillis())).build())
                .toList();
    }
}
