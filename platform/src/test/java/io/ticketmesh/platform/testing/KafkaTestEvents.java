package io.ticketmesh.platform.testing;

import io.ticketmesh.platform.inbox.ReceivedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what services published to the test Kafka, from the beginning of a topic, by record key. */
public final class KafkaTestEvents {
    private KafkaTestEvents() {}

    /**
     * The events keyed {@code key} on {@code topic}, in order: waits up to 20 s for {@code expected} of them, then one
     * second more, so an event published twice shows up as two.
     */
    public static List<ReceivedEvent> read(String topic, String key, int expected) {
        return read(topic, key, expected, Duration.ofSeconds(20));
    }

    /** As {@link #read(String, String, int)}, waiting up to {@code patience} for the expected events. */
    public static List<ReceivedEvent> read(String topic, String key, int expected, Duration patience) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ReceivedEvent> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + patience.toMillis();
            while (events.size() < expected && System.currentTimeMillis() < deadline) {
                collect(consumer.poll(Duration.ofMillis(200)), key, events);
            }
            collect(consumer.poll(Duration.ofSeconds(1)), key, events);
        }
        return events;
    }

    private static void collect(Iterable<ConsumerRecord<String, byte[]>> records, String key, List<ReceivedEvent> events) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (key.equals(record.key())) {
                events.add(ReceivedEvent.of(record));
            }
        }
    }
}
