package io.ticketmesh.platform.config;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the topics this service publishes, with their retention and partitions ({@link OwnedTopics}), once the
 * service has started, on a thread of its own, and again every {@link #RETRY_EVERY} until Kafka has taken them. A
 * service that starts while Kafka is away so starts at once (Spring's own declaration of topic beans at start-up waited
 * a minute for an absent broker before giving up) and its topics get their retention and partitions when Kafka is
 * back; the outbox keeps its events meanwhile, as ever.
 */
public final class TopicDeclarations implements SmartLifecycle {
    static final Duration RETRY_EVERY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(TopicDeclarations.class);

    private final KafkaAdmin admin;
    private final List<NewTopic> topics;
    private volatile Thread thread;

    public TopicDeclarations(KafkaAdmin admin, List<NewTopic> topics) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
    }

    /** Creates the topics that are missing and brings those that exist up to date; false when Kafka did not answer. */
    boolean declareOnce() {
        try {
            admin.createOrModifyTopics(topics.toArray(NewTopic[]::new));
            log.info("topics declared with their retention and partitions: {}", topics.stream().map(NewTopic::name).toList());
            return true;
        } catch (RuntimeException unanswered) {
            log.warn("cannot declare the topics {} yet, trying again in {}: {}", topics.stream().map(NewTopic::name).toList(),
                    RETRY_EVERY, unanswered.toString());
            return false;
        }
    }

    private void declareUntilDone() {
        try {
            while (!declareOnce()) {
                Thread.sleep(RETRY_EVERY);
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        if (!topics.isEmpty()) {
            thread = Thread.ofPlatform().daemon().name("topic-declarations").start(this::declareUntilDone);
        }
    }

    @Override
    public void stop() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
