package io.ticketmesh.workers.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.ticketmesh.platform.outbox.CloudEventHeaders;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.proto.realtime.v1.SeatChanges;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import io.ticketmesh.proto.ticket.v1.SeatsBlocked;
import io.ticketmesh.proto.ticket.v1.SeatsHeld;
import io.ticketmesh.proto.ticket.v1.SeatsReleased;
import io.ticketmesh.proto.ticket.v1.SeatsSold;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A poll's seat events as the messages workers publish: one a showtime, its changes in the order of its events. */
class SeatChangesByShowtimeTest {
    private static final String HAMLET = UUID.randomUUID().toString();
    private static final String LEAR = UUID.randomUUID().toString();
    private long offset;

    @Test
    void aPollsEventsOfAShowtimeBecomeOneMessageInTheirOrderAtTheirHighestVersion() {
        Map<String, SeatChanges> messages = SeatFanOut.changesByShowtime(List.of(
                record(HAMLET, SeatsHeld.newBuilder().setMetadata(EventMetadatas.next(HAMLET, 7)).setShowtimeId(HAMLET)
                        .addSeatIds("a").addSeatIds("b").build()),
                record(LEAR, SeatsBlocked.newBuilder().setMetadata(EventMetadatas.next(LEAR, 3)).setShowtimeId(LEAR).addSeatIds("c").build()),
                new ConsumerRecord<>("ticketmesh.inventory.seats", 0, offset++, HAMLET, new byte[] {1, 2, 3}),
                record(HAMLET, SeatsReleased.newBuilder().setMetadata(EventMetadatas.next(HAMLET, 9)).setShowtimeId(HAMLET).addSeatIds("b").build()),
                record(HAMLET, SeatsSold.newBuilder().setMetadata(EventMetadatas.next(HAMLET, 11)).setShowtimeId(HAMLET).addSeatIds("a").build())));

        assertThat(messages).containsOnlyKeys(HAMLET, LEAR);
        assertThat(messages.get(HAMLET).getVersion()).isEqualTo(11);
        assertThat(messages.get(HAMLET).getChangesList()).as("an unreadable record is passed over").containsExactly(
                change("a", SeatState.SEAT_STATE_HELD), change("b", SeatState.SEAT_STATE_HELD),
                change("b", SeatState.SEAT_STATE_AVAILABLE), change("a", SeatState.SEAT_STATE_SOLD));
        assertThat(messages.get(LEAR).getVersion()).isEqualTo(3);
        assertThat(messages.get(LEAR).getChangesList()).containsExactly(change("c", SeatState.SEAT_STATE_BLOCKED));
    }

    @Test
    void aPollOfNoSeatChangesPublishesNothing() {
        assertThat(SeatFanOut.changesByShowtime(List.of())).isEmpty();
    }

    private ConsumerRecord<String, byte[]> record(String showtimeId, Message event) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("ticketmesh.inventory.seats", 0, offset++, showtimeId, event.toByteArray());
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add(CloudEventHeaders.TYPE, event.getDescriptorForType().getFullName().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static SeatStateChange change(String seat, SeatState state) {
        return SeatStateChange.newBuilder().setSeatId(seat).setState(state).build();
    }
}
