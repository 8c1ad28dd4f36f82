package io.ticketmesh.event.domain;

import io.ticketmesh.event.persistence.ShowtimeRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves published showtimes whose end has passed to ENDED, once a minute, announcing each as ShowtimeChanged with
 * {@code changed_fields: ["status"]}. Ended showtimes leave search and take no more changes.
 */
@Service
public class ShowtimeEnder {
    static final int BATCH = 200;
    private final ShowtimeRepository showtimes;
    private final ShowtimeStatusChanges changes;

    public ShowtimeEnder(ShowtimeRepository showtimes, ShowtimeStatusChanges changes) {
        this.showtimes = showtimes;
        this.changes = changes;
    }

    @Scheduled(fixedDelayString = "${ticketmesh.showtimes.end-check-interval:60s}")
    public void endFinishedShowtimes() {
        while (endFinished() == BATCH) {
            // a backlog (after downtime) is worked through in batches
        }
    }

    /** Ends up to {@value #BATCH} finished showtimes; returns how many. */
    @Transactional
    public int endFinished() {
        List<UUID> finished = showtimes.finished(BATCH);
        for (UUID id : finished) {
            changes.announce(showtimes.markEnded(id));
        }
        return finished.size();
    }
}
