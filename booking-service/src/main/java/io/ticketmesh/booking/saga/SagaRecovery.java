package io.ticketmesh.booking.saga;

import io.ticketmesh.booking.persistence.BookingRepository;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds sagas nobody is running that are due (a step to retry, a runner that died, a 3-D Secure wait past its
 * deadline) and runs them, each on its own virtual thread. After a restart this is how every saga in flight
 * resumes or compensates.
 */
@Component
public class SagaRecovery {
    private static final int BATCH = 100;
    private final BookingRepository bookings;
    private final SagaRunner runner;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    public SagaRecovery(BookingRepository bookings, SagaRunner runner) {
        this.bookings = bookings;
        this.runner = runner;
    }

    @Scheduled(fixedDelayString = "${ticketmesh.bookings.recovery-interval}")
    public void resumeDue() {
        for (UUID bookingId : bookings.due(BATCH)) {
            resume(bookingId);
        }
    }

    /** Runs the booking's saga in the background, once at a time in this process. */
    public void resume(UUID bookingId) {
        if (inFlight.add(bookingId)) {
            workers.submit(() -> {
                try {
                    runner.run(bookingId, null);
                } finally {
                    inFlight.remove(bookingId);
                }
            });
        }
    }
}
