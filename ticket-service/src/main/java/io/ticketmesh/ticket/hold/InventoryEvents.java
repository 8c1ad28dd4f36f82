package io.ticketmesh.ticket.hold;

import com.google.protobuf.Message;
import io.ticketmesh.platform.context.RequestContext;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.ticket.v1.HoldExpired;
import io.ticketmesh.proto.ticket.v1.ReleaseReason;
import io.ticketmesh.proto.ticket.v1.SeatsBlocked;
import io.ticketmesh.proto.ticket.v1.SeatsHeld;
import io.ticketmesh.proto.ticket.v1.SeatsReleased;
import io.ticketmesh.proto.ticket.v1.SeatsSold;
import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * Seat changes announced on {@code ticketmesh.inventory.seats}, keyed by showtime, through the outbox of the
 * transaction that makes them. Each carries, as its aggregate version, the highest version among its seats.
 */
@Component
public class InventoryEvents {
    public static final String TOPIC = "ticketmesh.inventory.seats";
    private final Outbox outbox;

    public InventoryEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** SeatsHeld for a new hold, made on behalf of the request {@code requestId} (null when unknown). */
    static SeatsHeld seatsHeld(HoldsRecord hold, List<SeatsRecord> seats, String requestId) {
        return SeatsHeld.newBuilder().setMetadata(EventMetadatas.next(hold.getShowtimeId().toString(), version(seats), requestId))
                .setShowtimeId(hold.getShowtimeId().toString()).setHoldId(hold.getId().toString()).setUserId(hold.getUserId().toString())
                .addAllSeatIds(ids(seats)).setExpiresAt(StoredTime.timestamp(hold.getExpiresAt())).build();
    }

    /** Appends the SeatsHeld of many new holds, each for its own request, in one statement, in version order. */
    void held(List<Outbox.Entry<SeatsHeld>> events) {
        appendInVersionOrder(events, event -> event.getMetadata().getAggregateVersion());
    }

    void released(HoldsRecord hold, List<SeatsRecord> seats, ReleaseReason reason) {
        if (!seats.isEmpty()) {
            outbox.append(TOPIC, seatsReleased(hold, seats, reason, RequestContext.currentRequestIdOrNull()));
        }
    }

    /** SeatsReleased for seats a hold gave up, on behalf of the request {@code requestId} (null when unknown). */
    static SeatsReleased seatsReleased(HoldsRecord hold, List<SeatsRecord> seats, ReleaseReason reason, String requestId) {
        SeatsReleased.Builder event = SeatsReleased.newBuilder()
                .setMetadata(EventMetadatas.next(hold.getShowtimeId().toString(), version(seats), requestId))
                .setShowtimeId(hold.getShowtimeId().toString()).addAllSeatIds(ids(seats)).setReason(reason)
                .setHoldId(hold.getId().toString());
        if (hold.getBookingId() != null) {
            event.setBookingId(hold.getBookingId().toString());
        }
        return event.build();
    }

    /** Appends the SeatsReleased of many holds, each for its own request, in one statement, in version order. */
    void released(List<Outbox.Entry<SeatsReleased>> events) {
        appendInVersionOrder(events, event -> event.getMetadata().getAggregateVersion());
    }

    void sold(HoldsRecord hold, UUID bookingId, List<SeatsRecord> seats) {
        outbox.append(TOPIC, SeatsSold.newBuilder().setMetadata(EventMetadatas.next(hold.getShowtimeId().toString(), version(seats)))
                .setShowtimeId(hold.getShowtimeId().toString()).setBookingId(bookingId.toString()).setHoldId(hold.getId().toString())
                .addAllSeatIds(ids(seats)).build());
    }

    void blocked(UUID showtimeId, List<SeatsRecord> seats) {
        outbox.append(TOPIC, SeatsBlocked.newBuilder().setMetadata(EventMetadatas.next(showtimeId.toString(), version(seats)))
                .setShowtimeId(showtimeId.toString()).addAllSeatIds(ids(seats)).build());
    }

    void unblocked(UUID showtimeId, List<SeatsRecord> seats) {
        outbox.append(TOPIC, SeatsReleased.newBuilder().setMetadata(EventMetadatas.next(showtimeId.toString(), version(seats)))
                .setShowtimeId(showtimeId.toString()).addAllSeatIds(ids(seats)).setReason(ReleaseReason.RELEASE_REASON_UNBLOCKED).build());
    }

    /** HoldExpired for a lapsed hold, and SeatsReleased for the seats it freed. */
    void expired(HoldsRecord hold, List<SeatsRecord> seats) {
        outbox.appendAll(TOPIC, expiry(hold, seats));
    }

    /**
     * HoldExpired and SeatsReleased of many lapsed holds (of any showtimes), with the seats each freed, in one statement
     * and in version order, as single changes are published.
     */
    void expired(List<HoldsRecord> lapsed, Map<UUID, List<SeatsRecord>> freed) {
        Function<HoldsRecord, List<SeatsRecord>> seatsOf = hold -> freed.getOrDefault(hold.getId(), List.of());
        outbox.appendAll(TOPIC, lapsed.stream().sorted(Comparator.comparingLong(hold -> version(seatsOf.apply(hold))))
                .flatMap(hold -> expiry(hold, seatsOf.apply(hold)).stream()).toList());
    }

    private static List<Message> expiry(HoldsRecord hold, List<SeatsRecord> seats) {
        HoldExpired expired = HoldExpired.newBuilder().setMetadata(EventMetadatas.next(hold.getShowtimeId().toString(), version(seats)))
                .setShowtimeId(hold.getShowtimeId().toString()).setHoldId(hold.getId().toString())
                .setUserId(hold.getUserId().toString()).addAllSeatIds(Arrays.stream(hold.getSeatIds()).map(UUID::toString).toList()).build();
        return seats.isEmpty() ? List.of(expired)
                : List.of(expired, seatsReleased(hold, seats, ReleaseReason.RELEASE_REASON_HOLD_EXPIRED, RequestContext.currentRequestIdOrNull()));
    }

    /** Events of one batch are appended (and so published) in the order of their versions, as single changes are. */
    private <E extends Message> void appendInVersionOrder(List<Outbox.Entry<E>> events, ToLongFunction<E> version) {
        outbox.appendEach(TOPIC, events.stream().sorted(Comparator.comparingLong(entry -> version.applyAsLong(entry.event()))).toList());
    }

    private static long version(List<SeatsRecord> seats) {
        return seats.stream().mapToLong(SeatsRecord::getVersion).max().orElse(0);
    }

    private static List<String> ids(List<SeatsRecord> seats) {
        return seats.stream().map(s -> s.getSeatId().toString()).toList();
    }
}
