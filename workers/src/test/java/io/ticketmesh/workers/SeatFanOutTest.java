package io.ticketmesh.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.workers.fanout.SeatFanOut;
import io.ticketmesh.proto.realtime.v1.SeatChanges;
import io.ticketmesh.proto.ticket.v1.HoldExpired;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.proto.ticket.v1.SeatsHeld;
import io.ticketmesh.proto.ticket.v1.SeatsReleased;
import io.ticketmesh.proto.ticket.v1.SeatsSold;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.springframework.beans.factory.annotation.Autowired;

/** ticket-service's seat events, as workers publish them on Redis for realtime-service: in order, a change a seat. */
class SeatFanOutTest extends WorkersTestBase {
    @Autowired
    RedissonClient redis;

    @Test
    void everySeatChangeOfAShowtimeIsPublishedOnItsChannelInOrder() throws Exception {
        String showtime = UUID.randomUUID().toString();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        BlockingQueue<SeatChanges> received = new LinkedBlockingQueue<>();
        redis.getTopic(SeatFanOut.CHANNEL_PREFIX + showtime, ByteArrayCodec.INSTANCE)
                .addListener(byte[].class, (channel, bytes) -> received.add(parse(bytes)));

        KafkaTestEvents.send("ticketmesh.inventory.seats", showtime, SeatsHeld.newBuilder()
                .setMetadata(EventMetadatas.next(showtime, 7)).setShowtimeId(showtime).addSeatIds(a).addSeatIds(b).build());
        KafkaTestEvents.send("ticketmesh.inventory.seats", showtime, HoldExpired.newBuilder()
                .setMetadata(EventMetadatas.next(showtime, 9)).setShowtimeId(showtime).addSeatIds(b).build());
        KafkaTestEvents.send("ticketmesh.inventory.seats", showtime, SeatsReleased.newBuilder()
                .setMetadata(EventMetadatas.next(showtime, 9)).setShowtimeId(showtime).addSeatIds(b).build());
        KafkaTestEvents.send("ticketmesh.inventory.seats", showtime, SeatsSold.newBuilder()
                .setMetadata(EventMetadatas.next(showtime, 11)).setShowtimeId(showtime).addSeatIds(a).build());

        List<SeatStateChange> changes = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        while (versions.isEmpty() || versions.getLast() < 11) {
            SeatChanges message = next(received);
            versions.add(message.getVersion());
            changes.addAll(message.getChangesList());
        }
        assertThat(versions).as("events of a poll may share a message; versions only rise").isSorted().hasSizeLessThanOrEqualTo(3);
        assertThat(changes).as("HoldExpired adds nothing: its SeatsReleased says it").containsExactly(
                change(a, SeatState.SEAT_STATE_HELD), change(b, SeatState.SEAT_STATE_HELD), change(b, SeatState.SEAT_STATE_AVAILABLE),
                change(a, SeatState.SEAT_STATE_SOLD));
        assertThat(received.poll(1, TimeUnit.SECONDS)).isNull();
    }

    private static SeatChanges next(BlockingQueue<SeatChanges> received) throws InterruptedException {
        SeatChanges changes = received.poll(30, TimeUnit.SECONDS);
        assertThat(changes).as("published on Redis").isNotNull();
        return changes;
    }

    private static SeatStateChange change(String seat, SeatState state) {
        return SeatStateChange.newBuilder().setSeatId(seat).setState(state).build();
    }

    private static SeatChanges parse(byte[] bytes) {
        try {
            return SeatChanges.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
