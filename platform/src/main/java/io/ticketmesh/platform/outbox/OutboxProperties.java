package io.ticketmesh.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbox relay settings ({@code ticketmesh.outbox.*}).
 *
 * @param enabled whether this process runs a relay (several may; one publishes at a time per database)
 * @param source the CloudEvents {@code ce_source}, e.g. {@code /ticketmesh/booking-service}
 * @param bootstrapServers Kafka to publish to
 * @param batchSize rows claimed per transaction
 * @param pollInterval how long the relay sleeps when idle and no commit in this process wakes it
 * @param sendTimeout how long a batch may wait for the broker before it is rolled back and retried
 * @param linger how long a relay that has just published waits before its next round, so that under load a round
 *     carries the events of many transactions (fewer transactions and broker requests per event); a relay that found
 *     nothing goes at once when woken, so an event after a quiet spell is not delayed. 20 ms by default: under load
 *     an event waits up to that much longer to reach a seat map (well inside a blink), and measured against 5 ms a
 *     round carries about twice the events (bench/README.md, session 23)
 */
@ConfigurationProperties("ticketmesh.outbox")
public record OutboxProperties(Boolean enabled, String source, String bootstrapServers, Integer batchSize,
                               Duration pollInterval, Duration sendTimeout, Duration linger) {
    public OutboxProperties {
        enabled = enabled == null || enabled;
        source = source == null ? "/ticketmesh" : source;
        bootstrapServers = bootstrapServers == null ? "127.0.0.1:9092" : bootstrapServers;
        batchSize = batchSize == null ? 500 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        linger = linger == null ? Duration.ofMillis(20) : linger;
    }
}
