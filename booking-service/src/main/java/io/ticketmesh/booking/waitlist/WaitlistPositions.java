package io.ticketmesh.booking.waitlist;

import io.ticketmesh.booking.persistence.WaitlistRepository;
import io.ticketmesh.booking.persistence.WaitlistRepository.LinePlace;
import io.ticketmesh.booking.persistence.jooq.tables.records.WaitlistEntriesRecord;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Where waiting entries stand in their showtime's line, from the line as read at most {@link #FRESH_FOR_NANOS} ago:
 * one read of a showtime's waiting entries (an index-only scan, about 3 ms for 20,000) serves every customer of it who
 * asks within that time, where counting the entries ahead for each took up to 4 ms a call, and a sold-out show's
 * waiting customers poll. An entry that joined after the read is placed behind those read; one that left or was
 * offered since still counts for those behind it until the next read. Lines not asked about for a minute are let go.
 * A line is read outside the map's lock, once however many ask for it meanwhile: they wait for that read.
 */
@Component
class WaitlistPositions {
    static final long FRESH_FOR_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long KEPT_FOR_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final WaitlistRepository entries;
    private final Map<UUID, CompletableFuture<Line>> lines = new ConcurrentHashMap<>();

    WaitlistPositions(WaitlistRepository entries) {
        this.entries = entries;
    }

    /** The 1-based place of a waiting entry among its showtime's waiting entries, in the order they joined. */
    long of(WaitlistEntriesRecord entry) {
        long now = System.nanoTime();
        CompletableFuture<Line> read = new CompletableFuture<>();
        CompletableFuture<Line> line = lines.compute(entry.getShowtimeId(),
                (showtimeId, known) -> known != null && age(known, now) < FRESH_FOR_NANOS ? known : read);
        if (line == read) {
            try {
                read.complete(new Line(entries.line(entry.getShowtimeId()), now));
            } catch (RuntimeException e) {
                read.completeExceptionally(e);
                lines.remove(entry.getShowtimeId(), read);
                throw e;
            }
        }
        if (lines.size() > 1) {
            lines.values().removeIf(unused -> age(unused, now) > KEPT_FOR_NANOS);
        }
        try {
            return 1 + line.join().ahead(LinePlace.of(entry));
        } catch (CompletionException e) {
            // another caller's read failed: this one fails as that one did
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** How long before {@code now} a line was read: 0 while it is being read, for ever when its read failed. */
    private static long age(CompletableFuture<Line> line, long now) {
        if (!line.isDone()) {
            return 0;
        }
        return line.isCompletedExceptionally() ? Long.MAX_VALUE : now - line.join().readAtNanos();
    }

    /** A showtime's waiting entries in line order, as read at {@code readAtNanos}. */
    private record Line(List<LinePlace> places, long readAtNanos) {
        /** How many of the line are ahead of {@code place}: a binary search, in the order the database keeps. */
        int ahead(LinePlace place) {
            int low = 0;
            int high = places.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (places.get(middle).compareTo(place) < 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }
}
