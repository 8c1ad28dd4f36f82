package io.ticketmesh.platform.auth;

import com.google.protobuf.util.Timestamps;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.identity.v1.AccessRevoked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code AccessRevoked} from {@value #TOPIC} into {@link Revocations}, in every process that verifies access
 * tokens. Each process reads the whole topic for itself (a consumer group of its own, nothing committed), starting at
 * what was written {@code remembered} ago, so a process that starts knows the revocations still in force. A Kafka that
 * is away delays revocations (the tokens work until they expire, as before there were any), never a call.
 */
public final class RevocationFeed implements SmartLifecycle {
    public static final String TOPIC = "ticketmesh.identity.revocations";
    private static final Logger log = LoggerFactory.getLogger(RevocationFeed.class);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final String bootstrapServers;
    private final Revocations revocations;
    private final Duration remembered;
    private final Clock clock;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    public RevocationFeed(String bootstrapServers, Revocations revocations, Duration remembered, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.revocations = revocations;
        this.remembered = remembered;
        this.clock = clock;
    }

    @Override
    public void start() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "revocations-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "revocations");
        // the topic appears with the first revocation; until then, look for it every few seconds
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        thread = Thread.ofPlatform().daemon().name("revocation-feed").start(this::run);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(TOPIC), new FromRememberedTime());
            Instant forgotten = clock.instant();
            while (true) {
                for (ConsumerRecord<String, byte[]> record : poll()) {
                    apply(record);
                }
                if (clock.instant().isAfter(forgotten.plus(FORGET_EVERY))) {
                    forgotten = clock.instant();
                    revocations.forgetExpired(forgotten);
                }
            }
        } catch (WakeupException stopping) {
            // stop() asked
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** The next records; none for a while when Kafka cannot be read (it is asked again a second later). */
    private Iterable<ConsumerRecord<String, byte[]>> poll() {
        try {
            return consumer.poll(Duration.ofSeconds(1));
        } catch (WakeupException stopping) {
            throw stopping;
        } catch (RuntimeException e) {
            log.warn("cannot read {}: revocations wait for it", TOPIC, e);
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
            return List.of();
        }
    }

    /** A record that is no AccessRevoked, or not one at all, is passed over. */
    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            ReceivedEvent event = ReceivedEvent.of(record);
            if (event.is(AccessRevoked.getDescriptor())) {
                AccessRevoked revoked = event.payload(AccessRevoked.parser());
                revocations.apply(revoked, clock.instant());
                log.info("access tokens of user {} issued before {} are refused: {}", revoked.getUserId(),
                        Timestamps.toString(revoked.getNotBefore()), revoked.getReason());
            }
        } catch (RuntimeException e) {
            log.warn("passed over an unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
        }
    }

    /** On assignment, each partition is read from the first record written {@code remembered} ago (or its end). */
    private final class FromRememberedTime implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            long since = clock.instant().minus(remembered).toEpochMilli();
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, since));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = offsets.get(partition);
                consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
    }

    @Override
    public void stop() {
        if (consumer != null) {
            consumer.wakeup();
        }
        Thread running = thread;
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        Thread running = thread;
        return running != null && running.isAlive();
    }
}
