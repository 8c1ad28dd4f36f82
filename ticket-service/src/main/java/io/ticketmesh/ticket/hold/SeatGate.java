package io.ticketmesh.ticket.hold;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Redis in front of PostgreSQL: one Lua script per hold claims all of its seats or none, so contended seats are
 * turned away without touching the database. It only ever says no early; PostgreSQL still decides every hold. A
 * claim expires with its hold, and a claim whose hold did not commit is given back at once; the claims of a batch
 * of releases or expiries are given back in one script per showtime. When Redis fails the gate stays open for a few
 * seconds (holds then go through PostgreSQL alone) before it tries Redis again. Claims it could not give back
 * meanwhile are given back in the background as soon as Redis answers again, so seats freed during an outage are
 * not turned away until their claims lapse (up to {@value #MAX_UNRELEASED} holds' worth; beyond that, and when the
 * process stops before Redis is back, the claims lapse with their holds' time).
 */
@Component
public class SeatGate {
    private static final Logger log = LoggerFactory.getLogger(SeatGate.class);
    private static final long BYPASS_MILLIS = 2_000;
    private static final int MAX_UNRELEASED = 100_000;
    /** KEYS: seat keys; ARGV: hold id, ttl ms. Returns the 1-based positions of seats another hold claims. */
    private static final String CLAIM = """
            local taken = {}
            for i, key in ipairs(KEYS) do
              local owner = redis.call('GET', key)
              if owner and owner ~= ARGV[1] then taken[#taken + 1] = i end
            end
            if #taken == 0 then
              for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
            end
            return taken
            """;
    /** KEYS: seat keys; ARGV: hold id, ttl ms. Lengthens only the claims this hold owns; returns an empty list. */
    private static final String EXTEND = """
            for _, key in ipairs(KEYS) do
              if redis.call('GET', key) == ARGV[1] then redis.call('PEXPIRE', key, ARGV[2]) end
            end
            return {}
            """;
    /** KEYS: seat keys; ARGV: for each key, the hold giving its claim up. Deletes only claims those holds own. */
    private static final String GIVE_UP = """
            for i, key in ipairs(KEYS) do
              if redis.call('GET', key) == ARGV[i] then redis.call('DEL', key) end
            end
            return {}
            """;
    /** Claims given back to Redis in one script at most, after an outage. */
    private static final int GIVE_BACK_BATCH = 500;

    /** A hold's claims on seats of one showtime. */
    public record Claims(UUID showtimeId, UUID holdId, List<UUID> seatIds) {}

    private final RedissonClient redis;
    private final AtomicLong bypassUntil = new AtomicLong();
    private final Queue<Claims> unreleased = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unreleasedCount = new AtomicInteger();
    private final AtomicBoolean givingBack = new AtomicBoolean();

    public SeatGate(RedissonClient redis) {
        this.redis = redis;
    }

    /** The seats another hold claims (empty when this hold now claims them all, or when Redis is unavailable). */
    public List<UUID> claim(UUID showtimeId, UUID holdId, List<UUID> seatIds, Duration ttl) {
        List<Object> positions = run(CLAIM, showtimeId, seatIds, List.of(holdId.toString(), Long.toString(ttl.toMillis())));
        List<UUID> taken = new ArrayList<>();
        if (positions != null) {
            positions.forEach(p -> taken.add(seatIds.get(((Number) p).intValue() - 1)));
        }
        return taken;
    }

    /** Lets the claims of this hold live for {@code ttl} from now. */
    public void extend(UUID showtimeId, UUID holdId, List<UUID> seatIds, Duration ttl) {
        run(EXTEND, showtimeId, seatIds, List.of(holdId.toString(), Long.toString(ttl.toMillis())));
    }

    /** Gives the hold's claims up (the hold was released, lapsed or never committed, or its sold seats were released). */
    public void release(UUID showtimeId, UUID holdId, List<UUID> seatIds) {
        releaseAll(List.of(new Claims(showtimeId, holdId, seatIds)));
    }

    /** Gives up the claims of many holds: one script per showtime (a script's keys must share a cluster slot). */
    public void releaseAll(Collection<Claims> claims) {
        byShowtime(claims).forEach((showtimeId, ofShowtime) -> {
            if (run(GIVE_UP, showtimeId, seatsOf(ofShowtime), holdPerSeat(ofShowtime)) == null) {
                ofShowtime.forEach(this::remember);
            }
        });
    }

    private void remember(Claims claims) {
        if (unreleasedCount.incrementAndGet() <= MAX_UNRELEASED) {
            unreleased.add(claims);
        } else {
            unreleasedCount.decrementAndGet();
        }
    }

    /** The script's answer; null when it did not run (Redis unavailable, or no seats). */
    private List<Object> run(String script, UUID showtimeId, List<UUID> seatIds, List<String> args) {
        if (System.currentTimeMillis() < bypassUntil.get() || seatIds.isEmpty()) {
            return null;
        }
        if (unreleasedCount.get() > 0 && givingBack.compareAndSet(false, true)) {
            Thread.ofVirtual().name("seat-gate-give-back").start(this::giveBackUnreleased);
        }
        return eval(script, showtimeId, seatIds, args);
    }

    /** Gives back the claims given up during an outage; stops (keeping the rest) if Redis fails again. */
    private void giveBackUnreleased() {
        try {
            while (true) {
                List<Claims> next = new ArrayList<>();
                for (Claims claims; next.size() < GIVE_BACK_BATCH && (claims = unreleased.poll()) != null; ) {
                    next.add(claims);
                }
                if (next.isEmpty()) {
                    return;
                }
                List<List<Claims>> groups = List.copyOf(byShowtime(next).values());
                for (int i = 0; i < groups.size(); i++) {
                    List<Claims> ofShowtime = groups.get(i);
                    if (eval(GIVE_UP, ofShowtime.getFirst().showtimeId(), seatsOf(ofShowtime), holdPerSeat(ofShowtime)) == null) {
                        groups.subList(i, groups.size()).forEach(unreleased::addAll);
                        return;
                    }
                    unreleasedCount.addAndGet(-ofShowtime.size());
                }
            }
        } finally {
            givingBack.set(false);
        }
    }

    private static Map<UUID, List<Claims>> byShowtime(Collection<Claims> claims) {
        return claims.stream().filter(c -> !c.seatIds().isEmpty())
                .collect(Collectors.groupingBy(Claims::showtimeId, LinkedHashMap::new, Collectors.toList()));
    }

    private static List<UUID> seatsOf(List<Claims> claims) {
        return claims.stream().flatMap(c -> c.seatIds().stream()).toList();
    }

    /** The hold of each seat of {@link #seatsOf}, in the same order. */
    private static List<String> holdPerSeat(List<Claims> claims) {
        return claims.stream().flatMap(c -> c.seatIds().stream().map(seat -> c.holdId().toString())).toList();
    }

    private List<Object> eval(String script, UUID showtimeId, List<UUID> seatIds, List<String> args) {
        List<Object> keys = new ArrayList<>(seatIds.size());
        // the hash tag keeps a showtime's seats in one slot, as a Lua script over several keys needs in a cluster
        seatIds.forEach(seat -> keys.add("tm:seat:{" + showtimeId + "}:" + seat));
        try {
            return redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, script, RScript.ReturnType.LIST, keys,
                    args.toArray());
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            if (bypassUntil.getAndSet(now + BYPASS_MILLIS) < now || log.isDebugEnabled()) {
                log.warn("Redis seat gate unavailable, holds go through PostgreSQL alone for now: {}", e.toString());
            }
            return null;
        }
    }
}
