package io.ticketmesh.platform.outbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the relays of this process when a transaction that appended events commits ({@link Outbox} signals after
 * commit). It replaced a PostgreSQL NOTIFY trigger: NOTIFY takes a cluster-wide lock at commit, which serialized
 * every writing transaction of every service and capped bookings per second. The relay publishes everything
 * pending, whoever wrote it. A relay woken while another instance's relay holds the lock tries again within
 * milliseconds, since that round may have missed the newest rows; only events written by a process without a relay
 * wait for a relay's poll interval.
 */
final class OutboxWakeup implements AutoCloseable {
    private static final Set<OutboxWakeup> AWAKE = ConcurrentHashMap.newKeySet();
    private final Semaphore signal = new Semaphore(0);

    OutboxWakeup() {
        AWAKE.add(this);
    }

    /** Events committed in this process: every relay here looks at once. */
    static void committed() {
        for (OutboxWakeup wakeup : AWAKE) {
            wakeup.wake();
        }
    }

    /** Waits until woken or the timeout passes; drains any extra signals. */
    void await(long timeoutMillis) throws InterruptedException {
        signal.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
        signal.drainPermits();
    }

    /** Wakes this relay. */
    void wake() {
        signal.release();
    }

    @Override
    public void close() {
        AWAKE.remove(this);
    }
}
