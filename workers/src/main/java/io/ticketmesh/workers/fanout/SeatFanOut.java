package io.ticketmesh.workers.fanout;

import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.realtime.v1.SeatChanges;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.proto.ticket.v1.SeatsBlocked;
import io.ticketmesh.proto.ticket.v1.SeatsHeld;
import io.ticketmesh.proto.ticket.v1.SeatsReleased;
import io.ticketmesh.proto.ticket.v1.SeatsSold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Seat changes from ticket-service ({@code ticketmesh.inventory.seats}) published on Redis for realtime-service, on the
 * channel {@code ticketmesh:seats:<showtime_id>}. The topic is keyed by showtime, so a showtime's events come in the
 * order ticket-service committed them; each poll's events of one showtime become one {@link SeatChanges}: every seat's
 * new state in that order, at the highest version among them (realtime-service applies them in order, so a map ends
 * where it would have one event at a time). In a rush that is one Redis message, and one push to each open map, for
 * many holds: a poll carried a few dozen events of a showtime at 1,500 holds a second, each its own message before.
 * A poll's messages are sent at once and waited for before the next poll, so a showtime's messages keep their order. No
 * inbox: a change published twice sets the same state twice. Redis pub/sub keeps nothing for a subscriber that is away;
 * realtime-service reloads its snapshot when it reconnects.
 */
@Component
public class SeatFanOut {
    public static final String CHANNEL_PREFIX = "ticketmesh:seats:";
    private static final Logger log = LoggerFactory.getLogger(SeatFanOut.class);
    private final RedissonClient redis;

    public SeatFanOut(RedissonClient redis) {
        this.redis = redis;
    }

    @KafkaListener(topics = "ticketmesh.inventory.seats", groupId = "workers.fanout", batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        List<RFuture<Long>> published = new ArrayList<>();
        changesByShowtime(records).forEach((showtimeId, changes) -> published.add(
                redis.getTopic(CHANNEL_PREFIX + showtimeId, ByteArrayCodec.INSTANCE).publishAsync(changes.toByteArray())));
        published.forEach(message -> message.toCompletableFuture().join());
    }

    /** The seat changes of these events, one message a showtime with its changes in the order of its events. */
    static Map<String, SeatChanges> changesByShowtime(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, SeatChanges.Builder> byShowtime = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                add(ReceivedEvent.of(record), byShowtime);
            } catch (RuntimeException unreadable) {
                // one bad record must not hold back the seat changes of the others in its poll
                log.warn("skipping unreadable seat event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        unreadable.toString());
            }
        }
        Map<String, SeatChanges> messages = new LinkedHashMap<>();
        byShowtime.forEach((showtimeId, changes) -> messages.put(showtimeId, changes.build()));
        return messages;
    }

    private static void add(ReceivedEvent event, Map<String, SeatChanges.Builder> byShowtime) {
        if (event.is(SeatsHeld.getDescriptor())) {
            SeatsHeld held = event.payload(SeatsHeld.parser());
            add(byShowtime, held.getShowtimeId(), held.getMetadata().getAggregateVersion(), held.getSeatIdsList(), SeatState.SEAT_STATE_HELD);
        } else if (event.is(SeatsReleased.getDescriptor())) {
            SeatsReleased released = event.payload(SeatsReleased.parser());
            add(byShowtime, released.getShowtimeId(), released.getMetadata().getAggregateVersion(), released.getSeatIdsList(),
                    SeatState.SEAT_STATE_AVAILABLE);
        } else if (event.is(SeatsSold.getDescriptor())) {
            SeatsSold sold = event.payload(SeatsSold.parser());
            add(byShowtime, sold.getShowtimeId(), sold.getMetadata().getAggregateVersion(), sold.getSeatIdsList(), SeatState.SEAT_STATE_SOLD);
        } else if (event.is(SeatsBlocked.getDescriptor())) {
            SeatsBlocked blocked = event.payload(SeatsBlocked.parser());
            add(byShowtime, blocked.getShowtimeId(), blocked.getMetadata().getAggregateVersion(), blocked.getSeatIdsList(),
                    SeatState.SEAT_STATE_BLOCKED);
        }
    }

    private static void add(Map<String, SeatChanges.Builder> byShowtime, String showtimeId, long version, List<String> seatIds, SeatState state) {
        SeatChanges.Builder changes = byShowtime.computeIfAbsent(showtimeId, id -> SeatChanges.newBuilder());
        changes.setVersion(Math.max(changes.getVersion(), version));
        seatIds.forEach(seat -> changes.addChanges(SeatStateChange.newBuilder().setSeatId(seat).setState(state)));
    }
}
