package io.ticketmesh.ticket.admission;

import static io.ticketmesh.ticket.persistence.jooq.Tables.WAITING_ROOMS;

import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.waitingroom.v1.WaitingRoomChanged;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the latest WaitingRoomChanged of each showtime ({@code ticketmesh.waitingroom}), each applied once through the inbox. */
@Component
public class WaitingRoomListener {
    static final String TOPIC = "ticketmesh.waitingroom";
    private final Inbox inbox;
    private final DSLContext dsl;

    public WaitingRoomListener(Inbox inbox, DSLContext dsl) {
        this.inbox = inbox;
        this.dsl = dsl;
    }

    @KafkaListener(topics = TOPIC, groupId = "ticket-service.waiting-rooms")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(WaitingRoomChanged.getDescriptor())) {
            inbox.handleOnce("waiting-rooms", event, e -> apply(e.payload(WaitingRoomChanged.parser())));
        }
    }

    void apply(WaitingRoomChanged room) {
        dsl.insertInto(WAITING_ROOMS).set(WAITING_ROOMS.SHOWTIME_ID, UUID.fromString(room.getShowtimeId()))
                .set(WAITING_ROOMS.ACTIVE, room.getActive()).set(WAITING_ROOMS.KEY_ID, room.getKeyId())
                .set(WAITING_ROOMS.VERIFICATION_KEY, room.getVerificationKey().toByteArray())
                .set(WAITING_ROOMS.VERSION, room.getMetadata().getAggregateVersion())
                .onConflict(WAITING_ROOMS.SHOWTIME_ID).doUpdate()
                .set(WAITING_ROOMS.ACTIVE, DSL.excluded(WAITING_ROOMS.ACTIVE)).set(WAITING_ROOMS.KEY_ID, DSL.excluded(WAITING_ROOMS.KEY_ID))
                .set(WAITING_ROOMS.VERIFICATION_KEY, DSL.excluded(WAITING_ROOMS.VERIFICATION_KEY))
                .set(WAITING_ROOMS.VERSION, DSL.excluded(WAITING_ROOMS.VERSION))
                .where(WAITING_ROOMS.VERSION.lt(DSL.excluded(WAITING_ROOMS.VERSION)))
                .execute();
    }
}
