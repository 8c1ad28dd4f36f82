package io.ticketmesh.booking.waitlist;

import io.ticketmesh.booking.persistence.jooq.tables.records.WaitlistEntriesRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which showtimes' waitlists the offer sweep asks ticket-service about: those woken since their last try (seats
 * freed there, someone joined), first; then those not tried for {@code retryInterval}, the longest untried first, in
 * case a wake-up was missed (a freed seat seen by another process before this one knew of the list, say). A sold-out
 * showtime with a long list thus costs one try a retry interval, not one a sweep, and no list waits behind others
 * for ever. Wake-ups may come from any thread; {@link #due} and the entries passed over are the sweep's alone.
 */
@Component
class OfferSchedule {
    private final Duration retryInterval;
    private final Set<UUID> woken = ConcurrentHashMap.newKeySet();
    private volatile Set<String> watched = Set.of();
    private final Map<UUID, Instant> lastTried = new HashMap<>();
    private final Map<UUID, WaitlistEntriesRecord> passedUpTo = new HashMap<>();

    OfferSchedule(@Value("${ticketmesh.waitlist.retry-interval:30s}") Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    /** Whether the showtime (its id as text, as Kafka keys carry it) had someone waiting at the last sweep. */
    boolean watches(String showtimeId) {
        return watched.contains(showtimeId);
    }

    /** Asks for the showtime to be tried at the next sweep. */
    void wake(UUID showtimeId) {
        woken.add(showtimeId);
    }

    /**
     * The entry the showtime's last try got to beyond its oldest ones without serving any, or null: the next try goes
     * on after it, so entries that can be served are reached behind any number that cannot.
     */
    WaitlistEntriesRecord passedUpTo(UUID showtimeId) {
        return passedUpTo.get(showtimeId);
    }

    /** Where the showtime's next try goes on from ({@code null}: from the oldest entries again). */
    void passed(UUID showtimeId, WaitlistEntriesRecord lastTried) {
        if (lastTried == null) {
            passedUpTo.remove(showtimeId);
        } else {
            passedUpTo.put(showtimeId, lastTried);
        }
    }

    /**
     * The showtimes to try now, at most {@code limit}, of those with someone {@code waiting}; each is counted as tried
     * at {@code now}. Showtimes no longer waiting are forgotten.
     */
    List<UUID> due(List<UUID> waiting, Instant now, int limit) {
        Set<UUID> stillWaiting = Set.copyOf(waiting);
        watched = stillWaiting.stream().map(UUID::toString).collect(Collectors.toUnmodifiableSet());
        lastTried.keySet().retainAll(stillWaiting);
        passedUpTo.keySet().retainAll(stillWaiting);
        woken.retainAll(stillWaiting);
        Set<UUID> due = new LinkedHashSet<>();
        for (UUID showtime : waiting) {
            if (due.size() < limit && woken.remove(showtime)) {
                due.add(showtime);
            }
        }
        Instant retryBefore = now.minus(retryInterval);
        waiting.stream().filter(showtime -> !due.contains(showtime))
                .filter(showtime -> !lastTried.getOrDefault(showtime, Instant.MIN).isAfter(retryBefore))
                .sorted(Comparator.comparing(showtime -> lastTried.getOrDefault(showtime, Instant.MIN)))
                .limit(limit - due.size()).forEach(due::add);
        due.forEach(showtime -> lastTried.put(showtime, now));
        return List.copyOf(due);
    }
}
