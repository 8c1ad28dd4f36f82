package io.ticketmesh.platform.testing;

import com.google.protobuf.Message;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.outbox.CloudEventHeaders;
import io.ticketmesh.proto.common.v1.EventMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads what services published to the test Kafka, from the beginning of a topic, by record key; sends events as they do. */
public final class KafkaTestEvents {
    private KafkaTestEvents() {}

    /** Sends an event as the outbox relay does: proto payload, CloudEvents headers (id from its metadata), keyed {@code key}. */
    public static void send(String topic, String key, Message event) {
        EventMetadata metadata = (EventMetadata) event.getField(event.getDescriptorForType().findFieldByName("metadata"));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, event.toByteArray());
            record.headers().add(CloudEventHeaders.ID, metadata.getEventId().getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.TYPE, event.getDescriptorForType().getFullName().getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

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
