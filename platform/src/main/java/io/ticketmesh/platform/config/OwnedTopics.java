package io.ticketmesh.platform.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics a service publishes, declared by that service ({@code ticketmesh.kafka}): how long Kafka keeps each
 * one's events ({@code retention}: the topic's name, in brackets, to a duration; the topics are those it names) and
 * how many partitions each has ({@code partitions}, by name, else {@code default-partitions}). Once the service is up,
 * {@link TopicDeclarations} has Spring's {@link KafkaAdmin} create a topic that is missing, set the retention of one
 * that exists (a consumer may have made it first) and add partitions to one that has fewer than declared; one with
 * more keeps them (Kafka cannot take partitions away). Events carry names, addresses and one-time links' tokens, so how
 * long they outlive an account's closing or a link's expiry is chosen per topic here, not left to the broker's
 * default; each service's README says why its figures are what they are. Partitions bound how many consumers of a
 * group read a topic at once, so they are not left to the broker's default either (one, unless it is configured).
 *
 * @param retention each topic's retention
 * @param partitions the partitions of a topic that needs other than {@code defaultPartitions}
 * @param defaultPartitions the partitions of every other topic
 */
@ConfigurationProperties("ticketmesh.kafka")
public record OwnedTopics(Map<String, Duration> retention, Map<String, Integer> partitions, @DefaultValue("6") int defaultPartitions) {
    public OwnedTopics {
        retention = retention == null ? Map.of() : Map.copyOf(retention);
        partitions = partitions == null ? Map.of() : Map.copyOf(partitions);
        retention.forEach((topic, kept) -> {
            if (kept.isNegative() || kept.isZero()) {
                throw new IllegalArgumentException("ticketmesh.kafka.retention of " + topic + " must be positive, not " + kept);
            }
        });
        for (Map.Entry<String, Integer> topic : partitions.entrySet()) {
            if (!retention.containsKey(topic.getKey())) {
                throw new IllegalArgumentException("ticketmesh.kafka.partitions names " + topic.getKey()
                        + ", which is not a topic of this service's (ticketmesh.kafka.retention names them)");
            }
            requirePositive("ticketmesh.kafka.partitions of " + topic.getKey(), topic.getValue());
        }
        requirePositive("ticketmesh.kafka.default-partitions", defaultPartitions);
    }

    private static void requirePositive(String property, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException(property + " must be at least 1, not " + partitions);
        }
    }

    /** The partitions the topic is declared with. */
    public int partitionsOf(String topic) {
        return partitions.getOrDefault(topic, defaultPartitions);
    }

    /** The topics, each with its retention and partitions, for KafkaAdmin to create or bring up to date. */
    public List<NewTopic> topics() {
        return retention.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(topic -> TopicBuilder.name(topic.getKey()).partitions(partitionsOf(topic.getKey()))
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.getValue().toMillis())).build())
                .toList();
    }
}
