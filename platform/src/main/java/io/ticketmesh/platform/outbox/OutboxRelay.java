package io.ticketmesh.platform.outbox;

import static io.ticketmesh.platform.outbox.OutboxTable.*;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka. Each round runs in one transaction: take the database-wide relay lock (an
 * advisory lock, so of several relays on one database exactly one publishes at a time and per-key order holds),
 * delete the oldest rows and take them ({@code DELETE ... RETURNING} of rows claimed with {@code FOR UPDATE SKIP
 * LOCKED}: one statement, from the {@link OutboxFloor} on), send them with an idempotent producer, wait for the broker's
 * acknowledgements, then commit.
 * A crash before the commit rolls the delete back and republishes the batch (at least once); consumers deduplicate by
 * event id with the inbox. Lag is exported as {@code ticketmesh.outbox.lag} (seconds), with
 * the rows waiting as {@code ticketmesh.outbox.pending}; both are counted at most once a second (the count reads every
 * row from the floor on, and under load a relay goes round many times a second). A round that Kafka failed replaces the
 * producer before the next: a producer can be left unable to deliver (closed, fenced, or retrying a refused request
 * until its delivery timeout), and the rolled-back batch would queue behind it.
 */
public final class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock key of the relay; one per database. */
    static final long RELAY_LOCK = 0x7469636b6574L;
    /** What a round returns when another relay holds the lock: it is publishing now, maybe without our newest rows. */
    private static final int LOCK_BUSY = -1;
    /** How soon a relay that found another publishing tries again. */
    private static final long LOCK_BUSY_RETRY_MILLIS = 20;

    private final DSLContext dsl;
    private final TransactionTemplate transactions;
    private final Supplier<Producer<String, byte[]>> producers;
    /** Replaced by the relay's thread after a failed round; read by {@link #stop()} once that thread is done. */
    private volatile Producer<String, byte[]> producer;
    private final OutboxProperties properties;
    private final AfterPublish afterPublish;
    private final Counter published;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private final OutboxFloor floor;
    private volatile boolean running;
    /** Whether the relay's thread is sending a claimed batch and waiting for Kafka's acknowledgements. */
    private volatile boolean publishing;
    private Thread worker;
    private OutboxWakeup wakeup;
    private long lastLagCheck;

    /** A hook between "the broker has the batch" and "its rows' deletion commits"; tests use it to simulate a crash. */
    @FunctionalInterface
    public interface AfterPublish {
        AfterPublish NOTHING = batch -> { };

        void published(List<Long> outboxIds);
    }

    public OutboxRelay(DSLContext dsl, TransactionTemplate transactions,
                       Supplier<Producer<String, byte[]>> producers, OutboxProperties properties, MeterRegistry metrics,
                       AfterPublish afterPublish) {
        this(dsl, transactions, producers, properties, metrics, afterPublish, new OutboxFloor());
    }

    OutboxRelay(DSLContext dsl, TransactionTemplate transactions, Supplier<Producer<String, byte[]>> producers,
                OutboxProperties properties, MeterRegistry metrics, AfterPublish afterPublish, OutboxFloor floor) {
        this.dsl = dsl;
        this.floor = floor;
        this.transactions = transactions;
        this.producers = producers;
        this.producer = producers.get();
        this.properties = properties;
        this.afterPublish = afterPublish;
        this.published = Counter.builder("ticketmesh.outbox.published").description("events published to Kafka").register(metrics);
        Gauge.builder("ticketmesh.outbox.pending", pending, AtomicLong::get).description("events not yet published").register(metrics);
        Gauge.builder("ticketmesh.outbox.lag", lagMillis, v -> v.get() / 1000.0)
                .description("age in seconds of the oldest unpublished event").baseUnit("seconds").register(metrics);
    }

    /**
     * An idempotent producer: acks from all replicas, ordered retries, no duplicates from producer retries, and one
     * request in flight per connection. With more, the first events sent to a topic that sending creates could be held
     * back for the whole delivery timeout (KAFKA-15591, fixed in brokers from 4.5): the first request reaches the
     * broker before the new partition and is refused, the next is appended, and every retry of the first is then
     * out of sequence. A producer batch of 256 KB holds a whole round's events for one partition (a showtime's, say)
     * when they are the usual few hundred bytes each, so after {@code flush()} such a round goes out in one request per
     * broker and one in flight costs it nothing.
     */
    public static Producer<String, byte[]> kafkaProducer(OutboxProperties properties, String clientId) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.sendTimeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(properties.sendTimeout().toMillis(), 30_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.sendTimeout().toMillis() + 30_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes at most one batch now; returns how many events it published. Used by the loop and by tests. */
    public int publishOnce() {
        return Math.max(0, round());
    }

    /** One round: how many events it published, or {@link #LOCK_BUSY}. */
    private int round() {
        long from = floor.nextClaim();
        Claimed claimed = transactions.execute(status -> publishBatch(from));
        if (claimed == null) {
            return LOCK_BUSY;
        }
        if (claimed.round() != null) {
            floor.published(claimed.round());
        }
        return claimed.count();
    }

    /** What a round published: how many rows, and what the floor needs to know of it (null when none). */
    private record Claimed(int count, OutboxFloor.Round round) {}

    /**
     * Publishes the oldest rows from id {@code from} on, in id order; null when another relay holds the lock. The
     * lock's statement also sets two things for the round's transaction alone. Sequential scans off: a plan cached
     * while the outbox was nearly empty would read the whole table every round once a burst has filled it. And its
     * commit asynchronous (it does not wait for the WAL to reach the disk): if PostgreSQL dies before it is flushed,
     * the deleted rows come back and are published again, which is what a relay dying before its commit already does
     * (at least once; consumers deduplicate by event id), so waiting for the flush would buy nothing. The next
     * synchronous commit flushes it anyway.
     */
    private Claimed publishBatch(long from) {
        Boolean locked = dsl.fetchValue(field("set_config('enable_seqscan', 'off', true) is not null"
                        + " and set_config('synchronous_commit', 'off', true) is not null and pg_try_advisory_xact_lock({0})",
                Boolean.class, val(RELAY_LOCK)));
        if (!Boolean.TRUE.equals(locked)) {
            return null;
        }
        var claimed = select(ID).from(OUTBOX).where(ID.ge(from)).orderBy(ID).limit(properties.batchSize()).forUpdate().skipLocked();
        var rows = dsl.deleteFrom(OUTBOX).where(ID.in(claimed))
                .returningResult(ID, EVENT_ID, TOPIC, MESSAGE_KEY, EVENT_TYPE, PAYLOAD, HEADERS, CREATED_AT, SNAPSHOT_XMIN, SNAPSHOT_XMAX)
                .fetch().sortAsc(ID);
        if (rows.isEmpty()) {
            return new Claimed(0, null);
        }
        List<Long> ids = send(rows);
        afterPublish.published(ids);
        published.increment(ids.size());
        Record last = rows.getLast();
        return new Claimed(ids.size(), new OutboxFloor.Round(last.get(ID), ids.size() == properties.batchSize(),
                last.get(SNAPSHOT_XMIN), last.get(SNAPSHOT_XMAX)));
    }

    /** Sends the rows and waits for Kafka's acknowledgements; a producer that fails is replaced for the next round. */
    private List<Long> send(List<? extends Record> rows) {
        List<Future<?>> acks = new ArrayList<>(rows.size());
        List<Long> ids = new ArrayList<>(rows.size());
        publishing = true;
        try {
            for (Record row : rows) {
                acks.add(producer.send(toRecord(row)));
                ids.add(row.get(ID));
            }
            producer.flush();
            awaitAll(acks);
            return ids;
        } catch (RuntimeException e) {
            replaceProducer();
            throw e;
        } finally {
            publishing = false;
        }
    }

    private void replaceProducer() {
        Producer<String, byte[]> failed = producer;
        producer = producers.get();
        try {
            failed.close(Duration.ZERO);
        } catch (RuntimeException e) {
            log.debug("closing the failed outbox producer: {}", e.getMessage());
        }
    }

    private ProducerRecord<String, byte[]> toRecord(Record row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.get(TOPIC), row.get(MESSAGE_KEY), row.get(PAYLOAD));
        OffsetDateTime createdAt = row.get(CREATED_AT);
        header(record, CloudEventHeaders.ID, row.get(EVENT_ID).toString());
        header(record, CloudEventHeaders.TYPE, row.get(EVENT_TYPE));
        header(record, CloudEventHeaders.SOURCE, properties.source());
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.TIME, createdAt.toInstant().toString());
        header(record, CloudEventHeaders.SUBJECT, row.get(MESSAGE_KEY));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.PROTOBUF);
        for (Map.Entry<String, String> extra : HeaderJson.read(row.get(HEADERS).data()).entrySet()) {
            header(record, extra.getKey(), extra.getValue());
        }
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private void awaitAll(List<Future<?>> acks) {
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (Future<?> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing the outbox", e);
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
            }
        }
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                int count = round();
                refreshLag(false);
                backoff = Duration.ofMillis(200);
                if (count == LOCK_BUSY) {
                    // the other relay's round may have begun before our newest rows committed, and then it goes idle
                    wakeup.await(LOCK_BUSY_RETRY_MILLIS);
                } else if (count < properties.batchSize()) {
                    if (count > 0) {
                        Thread.sleep(properties.linger());
                    }
                    wakeup.await(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("outbox relay round failed, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
                refreshLagQuietly();
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    private void refreshLag(boolean force) {
        long now = System.currentTimeMillis();
        if (!force && now - lastLagCheck < 1000) {
            return;
        }
        lastLagCheck = now;
        Record row = dsl.select(count(), min(CREATED_AT)).from(OUTBOX).where(ID.ge(floor.floor())).fetchOne();
        pending.set(row.get(0, Integer.class));
        OffsetDateTime oldest = row.get(1, OffsetDateTime.class);
        lagMillis.set(oldest == null ? 0 : Math.max(0, now - oldest.toInstant().toEpochMilli()));
    }

    private void refreshLagQuietly() {
        try {
            refreshLag(true);
        } catch (RuntimeException ignored) {
            // the database may be the thing that is down
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        wakeup = new OutboxWakeup();
        worker = Thread.ofPlatform().daemon().name("outbox-relay").start(this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (wakeup != null) {
            wakeup.wake();
            wakeup.close();
        }
        if (worker != null) {
            // a batch being sent gets up to the send timeout to be acknowledged and its rows deleted, so a restart does
            // not publish it again; a relay waiting for anything else (a database connection while the database is
            // away, a retry's back-off) stops at once: a round it has not sent loses nothing
            if (!publishing) {
                worker.interrupt();
            }
            try {
                worker.join(properties.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
