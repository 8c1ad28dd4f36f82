package io.ticketmesh.embedded;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A single in-process Kafka broker in KRaft mode. Topics are created on first use. */
public final class EmbeddedKafkaServer implements AutoCloseable {
    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /**
     * Starts a broker.
     *
     * The KRaft test kit chooses its own loopback port; {@link #bootstrapServers()} says which.
     *
     * @param partitions partitions of auto-created topics
     */
    public static EmbeddedKafkaServer start(int partitions) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", Integer.toString(partitions),
                // one broker: transaction and offset logs cannot be replicated
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                "log.retention.hours", "24"));
        broker.afterPropertiesSet();
        return new EmbeddedKafkaServer(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /**
     * Stops the broker, as an outage would; its controller, data and port stay, so {@link #restartBroker()} brings
     * it back where clients expect it. Tests use it to show that nothing is lost while Kafka is away.
     */
    public void stopBroker() {
        broker().shutdown();
        broker().awaitShutdown();
    }

    /** Starts the broker stopped by {@link #stopBroker()} again, on the same port with the same data. */
    public void restartBroker() {
        broker().startup();
    }

    private kafka.server.BrokerServer broker() {
        return broker.getCluster().brokers().values().iterator().next();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
