package io.ticketmesh.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeCancelled;
import io.ticketmesh.proto.event.v1.ShowtimePublished;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox, its relay and the inbox against real PostgreSQL and Kafka. */
class OutboxRelayTest {
    private String database;
    private DataSource dataSource;
    private DSLContext dsl;
    private TransactionTemplate transactions;
    private Outbox outbox;
    private String topic;
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() {
        database = TestInfrastructure.newDatabase("outbox");
        dataSource = TestInfrastructure.postgres().dataSource(database);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform").load().migrate();
        // the effect table of the consumer below: one row per applied event
        dsl = DSL.using(new TransactionAwareDataSourceProxy(dataSource), SQLDialect.POSTGRES);
        dsl.execute("create table cancellations (showtime_id text not null, reason text not null)");
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        outbox = new Outbox(dsl, () -> "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        topic = "test.showtimes." + UUID.randomUUID();
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
    }

    /** A relay's settings in these tests: batches of 100, polling every 200 ms, lingering 5 ms. */
    private static OutboxProperties properties() {
        return new OutboxProperties(true, "/ticketmesh/test", TestInfrastructure.kafka().bootstrapServers(),
                100, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMillis(5));
    }

    private OutboxRelay relay(OutboxRelay.AfterPublish hook) {
        OutboxProperties properties = properties();
        OutboxRelay relay = new OutboxRelay(dsl, transactions, () -> OutboxRelay.kafkaProducer(properties, "test"),
                properties, metrics, hook);
        relays.add(relay);
        return relay;
    }

    private static ShowtimeCancelled cancelled(String showtimeId, long version, String reason) {
        return ShowtimeCancelled.newBuilder()
                .setMetadata(EventMetadatas.next(showtimeId, version))
                .setShowtime(Showtime.newBuilder().setShowtimeId(showtimeId))
                .setReason(reason).build();
    }

    private void appendInTransaction(ShowtimeCancelled... events) {
        transactions.executeWithoutResult(status -> {
            for (ShowtimeCancelled event : events) {
                outbox.append(topic, event);
            }
        });
    }

    private List<ConsumerRecord<String, byte[]>> consumeAll(int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // a little longer, to see duplicates we did not expect
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        return records;
    }

    private int outboxRows() {
        return dsl.fetchCount(DSL.table("outbox"));
    }

    @Test
    void appendOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(topic, cancelled(UUID.randomUUID().toString(), 1, "x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventWithoutMetadataIsRefused() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> outbox.append(topic, ShowtimePublished.getDefaultInstance())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rolledBackTransactionLeavesNoEvent() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            outbox.append(topic, cancelled(UUID.randomUUID().toString(), 1, "x"));
            throw new IllegalStateException("the business change failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(outboxRows()).isZero();
    }

    @Test
    void relayPublishesCloudEventsInOrderPerKeyAndEmptiesTheOutbox() {
        String showtimeA = UUID.randomUUID().toString();
        String showtimeB = UUID.randomUUID().toString();
        for (int version = 1; version <= 20; version++) {
            appendInTransaction(cancelled(showtimeA, version, "a" + version), cancelled(showtimeB, version, "b" + version));
        }
        relay(OutboxRelay.AfterPublish.NOTHING).start();

        List<ConsumerRecord<String, byte[]>> records = consumeAll(40);
        assertThat(records).hasSize(40);
        for (String key : List.of(showtimeA, showtimeB)) {
            List<Long> versions = records.stream().filter(r -> r.key().equals(key))
                    .map(r -> ReceivedEvent.of(r).payload(ShowtimeCancelled.parser()).getMetadata().getAggregateVersion())
                    .toList();
            assertThat(versions).isSorted().hasSize(20);
        }
        ReceivedEvent first = ReceivedEvent.of(records.getFirst());
        assertThat(first.type()).isEqualTo("ticketmesh.event.v1.ShowtimeCancelled");
        assertThat(first.is(ShowtimeCancelled.getDescriptor())).isTrue();
        assertThat(first.headers()).containsEntry("ce_specversion", "1.0").containsEntry("ce_source", "/ticketmesh/test")
                .containsEntry("content-type", "application/protobuf")
                .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .containsKey("ce_time");
        assertThat(first.id().toString()).isEqualTo(first.payload(ShowtimeCancelled.parser()).getMetadata().getEventId());
        awaitOutboxEmpty();
        assertThat(metrics.get("ticketmesh.outbox.published").counter().count()).isEqualTo(40);
        long deadline = System.currentTimeMillis() + 5_000;
        while (metrics.get("ticketmesh.outbox.pending").gauge().value() > 0 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(metrics.get("ticketmesh.outbox.pending").gauge().value()).isZero();
        assertThat(metrics.get("ticketmesh.outbox.lag").gauge().value()).isZero();
    }

    /**
     * Appends the event on a thread of its own, in a transaction that commits only once {@code commit} opens: a row
     * whose id is lower than those of rows committed after it.
     */
    private Thread appendCommittingLater(ShowtimeCancelled event, CountDownLatch appended, CountDownLatch commit) {
        return Thread.ofPlatform().start(() -> transactions.executeWithoutResult(status -> {
            outbox.append(topic, event);
            appended.countDown();
            try {
                commit.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    /** A relay whose floor settles as soon as the snapshots allow and rescans from the head when the test says. */
    private OutboxRelay relayWithFloor(AtomicLong nanoTime) {
        OutboxProperties properties = properties();
        OutboxRelay relay = new OutboxRelay(dsl, transactions, () -> OutboxRelay.kafkaProducer(properties, "test"), properties,
                metrics, OutboxRelay.AfterPublish.NOTHING, new OutboxFloor(Duration.ZERO, Duration.ofSeconds(10), nanoTime::get));
        relays.add(relay);
        return relay;
    }

    private void appendAndPublish(OutboxRelay relay) {
        appendInTransaction(cancelled(UUID.randomUUID().toString(), 1, "quick"));
        assertThat(relay.publishOnce()).isEqualTo(1);
    }

    @Test
    void anEventCommittingBelowIdsAlreadyPublishedGoesOutOnceItCommitsHoweverLongThatTakes() throws Exception {
        OutboxRelay relay = relayWithFloor(new AtomicLong());
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Thread slow = appendCommittingLater(cancelled(UUID.randomUUID().toString(), 1, "slow"), appended, commit);
        appended.await();
        appendAndPublish(relay);
        // rounds after the first, with no settle time: only the running transaction keeps the floor below its row
        appendAndPublish(relay);
        appendAndPublish(relay);
        commit.countDown();
        slow.join();
        assertThat(relay.publishOnce()).isEqualTo(1);
        assertThat(outboxRows()).isZero();
        assertThat(consumeAll(4)).hasSize(4);
    }

    @Test
    void aRowBelowTheFloorGoesOutWithTheNextRescanFromTheHead() {
        AtomicLong nanoTime = new AtomicLong();
        OutboxRelay relay = relayWithFloor(nanoTime);
        appendAndPublish(relay);
        appendAndPublish(relay);
        appendAndPublish(relay);
        appendInTransaction(cancelled(UUID.randomUUID().toString(), 1, "below the floor"));
        dsl.execute("""
                with moved as (delete from outbox returning *)
                insert into outbox (id, event_id, topic, message_key, event_type, payload, headers, created_at) overriding system value
                select 1, event_id, topic, message_key, event_type, payload, headers, created_at from moved""");
        assertThat(relay.publishOnce()).as("the floor is past id 1").isZero();
        nanoTime.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(relay.publishOnce()).isEqualTo(1);
        assertThat(outboxRows()).isZero();
    }

    /** A relay that, once idle, would look at the outbox again only after 30 s unless woken. */
    private void startIdleRelayPollingEvery30Seconds() throws InterruptedException {
        startIdleRelayPollingEvery30Seconds(Duration.ofMillis(5));
    }

    private void startIdleRelayPollingEvery30Seconds(Duration linger) throws InterruptedException {
        OutboxProperties slowPoll = new OutboxProperties(true, "/ticketmesh/test", TestInfrastructure.kafka().bootstrapServers(),
                100, Duration.ofSeconds(30), Duration.ofSeconds(10), linger);
        OutboxRelay relay = new OutboxRelay(dsl, transactions, () -> OutboxRelay.kafkaProducer(slowPoll, "test"),
                slowPoll, new SimpleMeterRegistry(), OutboxRelay.AfterPublish.NOTHING);
        relays.add(relay);
        relay.start();
        Thread.sleep(500); // let the relay go idle
    }

    @Test
    void relayWakesOnCommitWithoutWaitingForItsPoll() throws Exception {
        startIdleRelayPollingEvery30Seconds();
        appendInTransaction(cancelled(UUID.randomUUID().toString(), 1, "wake"));
        // only the wake-up after the commit can get it out in time: the poll would take 30 s
        assertThat(consumeAll(1)).hasSize(1);
    }

    @Test
    void eventsCommittedWhileTheRelayLingersAfterARoundAreNotLeftForItsPoll() throws Exception {
        startIdleRelayPollingEvery30Seconds(Duration.ofMillis(500));
        appendInTransaction(cancelled(UUID.randomUUID().toString(), 1, "first"));
        Thread.sleep(150); // the relay is publishing the first event or lingering after it
        appendInTransaction(cancelled(UUID.randomUUID().toString(), 1, "second"));
        // the second commit's wake-up must outlive the linger: the poll would take 30 s
        assertThat(consumeAll(2)).hasSize(2);
    }

    @Test
    void relayWokenWhileAnotherPublishesTriesAgainSoonInsteadOfWaitingForItsPoll() throws Exception {
        startIdleRelayPollingEvery30Seconds();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // another instance's relay, in the middle of a round that began before the event below committed
        Thread other = Thread.ofPlatform().start(() -> transactions.executeWithoutResult(status -> {
            dsl.fetchValue(DSL.field("pg_advisory_xact_lock({0})::text", String.class, DSL.val(OutboxRelay.RELAY_LOCK)));
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        locked.await();
        appendInTransaction(cancelled(UUID.randomUUID().toString(), 1, "busy"));
        Thread.sleep(1_000); // woken by the commit, the relay finds the lock taken
        release.countDown();
        other.join();
        // the other relay goes idle without the event; waiting for the poll would take 30 s
        assertThat(consumeAll(1)).hasSize(1);
    }

    @Test
    void aRelayWaitingForADatabaseThatIsAwayStopsAtOnce() throws Exception {
        // a pool of a database nobody listens on: a round waits up to a minute for a connection
        try (HikariDataSource away = new HikariDataSource()) {
            away.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/away");
            away.setConnectionTimeout(60_000);
            away.setInitializationFailTimeout(-1);
            OutboxProperties properties = properties();
            OutboxRelay relay = new OutboxRelay(DSL.using(away, SQLDialect.POSTGRES), new TransactionTemplate(new DataSourceTransactionManager(away)),
                    () -> OutboxRelay.kafkaProducer(properties, "test"), properties, new SimpleMeterRegistry(), OutboxRelay.AfterPublish.NOTHING);
            relay.start();
            for (int i = 0; i < 100 && relaysWaitingForAConnection() == 0; i++) {
                Thread.sleep(100);
            }
            assertThat(relaysWaitingForAConnection()).as("the relay's round waits for a connection").isEqualTo(1);

            relay.stop();
            // before, stop gave up after the send timeout (10 s) and left the thread waiting out the pool's minute
            assertThat(relaysWaitingForAConnection()).as("relay threads still waiting once stop returned").isZero();
        }
    }

    private static long relaysWaitingForAConnection() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals("outbox-relay") && thread.getKey().isAlive())
                .filter(thread -> Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getClassName().endsWith("HikariPool")
                        && frame.getMethodName().equals("getConnection")))
                .count();
    }

    @Test
    void relayDyingBetweenPublishAndMarkRepublishesButTheConsumerAppliesTheEventOnce() {
        String showtime = UUID.randomUUID().toString();
        appendInTransaction(cancelled(showtime, 1, "storm"));

        AtomicBoolean crashed = new AtomicBoolean();
        OutboxRelay dying = relay(ids -> {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("relay process killed after Kafka acknowledged, before the delete");
            }
        });
        assertThatThrownBy(dying::publishOnce).hasMessageContaining("killed");
        assertThat(outboxRows()).as("the batch was not marked published").isEqualTo(1);

        // a restarted relay publishes the same event again
        assertThat(relay(OutboxRelay.AfterPublish.NOTHING).publishOnce()).isEqualTo(1);
        assertThat(outboxRows()).isZero();

        List<ConsumerRecord<String, byte[]>> delivered = consumeAll(2);
        assertThat(delivered).as("at-least-once: the event is on Kafka twice").hasSize(2);

        Inbox inbox = new Inbox(dsl, transactions);
        int applied = 0;
        for (ConsumerRecord<String, byte[]> record : delivered) {
            boolean ran = inbox.handleOnce("cancellation-recorder", ReceivedEvent.of(record), event -> {
                ShowtimeCancelled payload = event.payload(ShowtimeCancelled.parser());
                dsl.execute("insert into cancellations values (?, ?)", payload.getShowtime().getShowtimeId(), payload.getReason());
            });
            applied += ran ? 1 : 0;
        }
        assertThat(applied).isEqualTo(1);
        assertThat(dsl.fetchCount(DSL.table("cancellations"))).as("the effect happened exactly once").isEqualTo(1);
    }

    @Test
    void aRoundCommitsWithoutWaitingForTheDiskAndLeavesOtherTransactionsWaiting() {
        // the test cluster commits asynchronously throughout; this database does not, like a real one
        dsl.execute("alter database " + database + " set synchronous_commit = on");
        appendInTransaction(cancelled(UUID.randomUUID().toString(), 1, "storm"));
        List<String> inRound = new ArrayList<>();
        var setting = DSL.field("current_setting('synchronous_commit')", String.class);
        OutboxRelay relay = relay(ids -> inRound.add(dsl.fetchValue(setting)));

        assertThat(relay.publishOnce()).isEqualTo(1);

        assertThat(inRound).containsExactly("off");
        String outside = transactions.execute(status -> dsl.fetchValue(setting));
        assertThat(outside).as("the setting is the round's alone").isEqualTo("on");
    }

    @Test
    void aProducerThatCannotDeliverIsReplacedAndTheRolledBackBatchGoesOutThroughTheNext() {
        OutboxProperties properties = properties();
        Producer<String, byte[]> broken = OutboxRelay.kafkaProducer(properties, "test-broken");
        broken.close();
        List<Producer<String, byte[]>> first = new ArrayList<>(List.of(broken));
        Supplier<Producer<String, byte[]>> producers = () -> first.isEmpty() ? OutboxRelay.kafkaProducer(properties, "test") : first.removeFirst();
        OutboxRelay relay = new OutboxRelay(dsl, transactions, producers, properties, metrics, OutboxRelay.AfterPublish.NOTHING);
        relays.add(relay);
        appendInTransaction(cancelled(UUID.randomUUID().toString(), 1, "first"), cancelled(UUID.randomUUID().toString(), 1, "second"));

        assertThatThrownBy(relay::publishOnce).as("the first producer is closed").isInstanceOf(IllegalStateException.class);
        assertThat(outboxRows()).as("the failed round rolled back").isEqualTo(2);
        assertThat(relay.publishOnce()).as("the next round has a new producer").isEqualTo(2);
        assertThat(outboxRows()).isZero();
        assertThat(consumeAll(2)).hasSize(2);
    }

    @Test
    void inboxEffectFailureLeavesTheEventUnprocessedForRedelivery() {
        Inbox inbox = new Inbox(dsl, transactions);
        ReceivedEvent event = new ReceivedEvent(UUID.randomUUID(), "t", "k", Map.of(), "x".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> inbox.handleOnce("c", event, e -> {
            dsl.execute("insert into cancellations values ('s', 'half')");
            throw new IllegalStateException("effect failed half way");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(dsl.fetchCount(DSL.table("cancellations"))).isZero();
        assertThat(inbox.handleOnce("c", event, e -> dsl.execute("insert into cancellations values ('s', 'ok')"))).isTrue();
        assertThat(inbox.handleOnce("c", event, e -> dsl.execute("insert into cancellations values ('s', 'dup')"))).isFalse();
        assertThat(dsl.fetchCount(DSL.table("cancellations"))).isEqualTo(1);
    }

    private void awaitOutboxEmpty() {
        long deadline = System.currentTimeMillis() + 10_000;
        while (outboxRows() > 0 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(outboxRows()).isZero();
    }
}
