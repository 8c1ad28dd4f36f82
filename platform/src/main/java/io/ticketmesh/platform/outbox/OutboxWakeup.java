package io.ticketmesh.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the relay when a transaction that wrote to the outbox commits, through PostgreSQL's LISTEN/NOTIFY
 * (the outbox trigger notifies channel {@code outbox}). Without notifications the relay still polls.
 */
final class OutboxWakeup implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWakeup.class);
    private final DataSource dataSource;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running = true;
    private final Thread listener;

    OutboxWakeup(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.listener = Thread.ofPlatform().daemon().name(name + "-listen").start(this::listen);
    }

    /** Waits until notified or the timeout passes; drains any extra notifications. */
    void await(long timeoutMillis) throws InterruptedException {
        signal.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
        signal.drainPermits();
    }

    /** Wakes the relay from within this process. */
    void wake() {
        signal.release();
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN outbox");
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    var notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        signal.release();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("outbox LISTEN connection lost, retrying: {}", e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
    }
}
