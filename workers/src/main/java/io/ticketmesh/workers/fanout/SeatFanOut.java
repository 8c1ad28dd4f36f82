package io.ticketmesh.workers.fanout;

import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.realtime.v1.SeatChanges;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.proto.ticket.v1.SeatsBlocked;
import io.ticketmesh.proto.ticket.v1.SeatsHeld;
import io.ticketmesh.proto.ticket.v1.SeatsReleased;
import io.ticketmesh.proto.ticket.v1.SeatsSold;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Seat changes from ticket-service ({@code ticketmesh.inventory.seats}) published on Redis for realtime-service: each
 * event becomes a {@link SeatChanges} (the event's version and every seat's new state) on the channel
 * {@code ticketmesh:seats:<showtime_id>}. One consumer a partition and the topic keyed by showtime, so a showtime's
 * changes are published in the order ticket-service committed them, seat by seat. No inbox: a change published twice
 * sets the same state twice. Redis pub/sub keeps nothing for a subscriber that is away; realtime-service reloads its
 * snapshot when it reconnects.
 */
@Component
public class SeatFanOut {
    public static final String CHANNEL_PREFIX = "ticketmesh:seats:";
    private final RedissonClient redis;

    public SeatFanOut(RedissonClient redis) {
        this.redis = redis;
    }

    @KafkaListener(topics = "ticketmesh.inventory.seats", groupId = "workers.fanout")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(SeatsHeld.getDescriptor())) {
            SeatsHeld held = event.payload(SeatsHeld.parser());
            publish(held.getShowtimeId(), held.getMetadata().getAggregateVersion(), held.getSeatIdsList(), SeatState.SEAT_STATE_HELD);
        } else if (event.is(SeatsReleased.getDescriptor())) {
            SeatsReleased released = event.payload(SeatsReleased.parser());
            publish(released.getShowtimeId(), released.getMetadata().getAggregateVersion(), released.getSeatIdsList(),
                    SeatState.SEAT_STATE_AVAILABLE);
        } else if (event.is(SeatsSold.getDescriptor())) {
            SeatsSold sold = event.payload(SeatsSold.parser());
            publish(sold.getShowtimeId(), sold.getMetadata().getAggregateVersion(), sold.getSeatIdsList(), SeatState.SEAT_STATE_SOLD);
        } else if (event.is(SeatsBlocked.getDescriptor())) {
            SeatsBlocked blocked = event.payload(SeatsBlocked.parser());
            publish(blocked.getShowtimeId(), blocked.getMetadata().getAggregateVersion(), blocked.getSeatIdsList(), SeatState.SEAT_STATE_BLOCKED);
        }
    }

    private void publish(String showtimeId, long version, List<String> seatIds, SeatState state) {
        SeatChanges.Builder changes = SeatChanges.newBuilder().setVersion(version);
        seatIds.forEach(seat -> changes.addChanges(SeatStateChange.newBuilder().setSeatId(seat).setState(state)));
        redis.getTopic(CHANNEL_PREFIX + showtimeId, ByteArrayCodec.INSTANCE).publish(changes.build().toByteArray());
    }
}
