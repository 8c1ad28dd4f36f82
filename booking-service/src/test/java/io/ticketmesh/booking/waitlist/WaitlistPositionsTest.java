package io.ticketmesh.booking.waitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketmesh.booking.persistence.WaitlistRepository;
import io.ticketmesh.booking.persistence.WaitlistRepository.LinePlace;
import io.ticketmesh.booking.persistence.jooq.tables.records.WaitlistEntriesRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * How the line is read, not what it holds (WaitlistTest reads real lines from PostgreSQL): the repository's answer is
 * held back here so that many customers ask while one read is under way.
 */
class WaitlistPositionsTest {
    private final UUID showtime = UUID.randomUUID();
    private final List<WaitlistEntriesRecord> line = List.of(entry(1), entry(2), entry(3));
    private final AtomicInteger reads = new AtomicInteger();
    private final CountDownLatch answer = new CountDownLatch(1);
    private volatile RuntimeException failure;

    private final WaitlistPositions positions = new WaitlistPositions(new WaitlistRepository(DSL.using(SQLDialect.POSTGRES)) {
        @Override
        public List<LinePlace> line(UUID showtimeId) {
            reads.incrementAndGet();
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return line.stream().map(LinePlace::of).toList();
        }
    });

    @Test
    void customersAskingWhileTheLineIsReadWaitForThatOneRead() throws Exception {
        try (ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> asked = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                WaitlistEntriesRecord entry = line.get(i % line.size());
                asked.add(customers.submit(() -> positions.of(entry)));
            }
            Thread.sleep(200);
            answer.countDown();
            for (int i = 0; i < asked.size(); i++) {
                assertThat(asked.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i % line.size() + 1);
            }
        }
        assertThat(reads).hasValue(1);
        assertThat(positions.of(line.get(2))).as("fresh: read again only after a while").isEqualTo(3);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aReadThatFailedFailsThoseWaitingForItAsItFailedAndIsNotKept() throws Exception {
        failure = new IllegalStateException("the database is away");
        try (ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> asked = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                asked.add(customers.submit(() -> positions.of(line.get(0))));
            }
            Thread.sleep(200);
            answer.countDown();
            for (Future<Long> one : asked) {
                assertThatThrownBy(() -> one.get(10, TimeUnit.SECONDS)).hasCauseReference(failure);
            }
        }
        failure = null;
        assertThat(positions.of(line.get(1))).isEqualTo(2);
        assertThat(reads).as("one failed read for all five, then one more").hasValue(2);
    }

    private WaitlistEntriesRecord entry(int second) {
        WaitlistEntriesRecord entry = new WaitlistEntriesRecord();
        entry.setId(UUID.randomUUID());
        entry.setShowtimeId(showtime);
        entry.setCreatedAt(OffsetDateTime.of(2026, 12, 5, 10, 0, second, 0, ZoneOffset.UTC));
        return entry;
    }
}
