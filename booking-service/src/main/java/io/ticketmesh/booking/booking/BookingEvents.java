package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.ShowtimeMovesRecord;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingCancelled;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.booking.v1.BookingCreated;
import io.ticketmesh.proto.booking.v1.BookingFailed;
import io.ticketmesh.proto.booking.v1.BookingRefunded;
import io.ticketmesh.proto.booking.v1.BookingRescheduled;
import io.ticketmesh.proto.booking.v1.TicketsResent;
import io.ticketmesh.proto.common.v1.Money;
import java.util.List;
import org.springframework.stereotype.Component;

/** Booking changes announced on {@code ticketmesh.bookings}, keyed by booking, in the transaction that makes them. */
@Component
public class BookingEvents {
    public static final String TOPIC = "ticketmesh.bookings";
    private final Outbox outbox;

    public BookingEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(BookingsRecord row, Booking booking) {
        outbox.append(TOPIC, BookingCreated.newBuilder().setMetadata(metadata(row)).setBooking(booking).setCustomerEmail(row.getCustomerEmail()).build());
    }

    public void confirmed(BookingsRecord row, Booking booking) {
        outbox.append(TOPIC, BookingConfirmed.newBuilder().setMetadata(metadata(row)).setBooking(booking).setCustomerEmail(row.getCustomerEmail()).build());
    }

    public void failed(BookingsRecord row, Booking booking) {
        outbox.append(TOPIC, BookingFailed.newBuilder().setMetadata(metadata(row)).setBooking(booking).setCustomerEmail(row.getCustomerEmail()).build());
    }

    public void cancelled(BookingsRecord row, Booking booking, List<String> seatIds, Money refunded, Money withheld, int refundPercent) {
        outbox.append(TOPIC, BookingCancelled.newBuilder().setMetadata(metadata(row)).setBooking(booking).setCustomerEmail(row.getCustomerEmail())
                .addAllSeatIds(seatIds).setRefunded(refunded).setWithheld(withheld).setRefundPercent(refundPercent).build());
    }

    /** Part of what was paid refunded, no seat cancelled (RefundBooking). */
    public void refunded(BookingsRecord row, Booking booking, Money refunded, String reason) {
        outbox.append(TOPIC, BookingRefunded.newBuilder().setMetadata(metadata(row)).setBooking(booking).setCustomerEmail(row.getCustomerEmail())
                .setRefunded(refunded).setReason(reason).build());
    }

    public void ticketsResent(BookingsRecord row, Booking booking) {
        outbox.append(TOPIC, TicketsResent.newBuilder().setMetadata(metadata(row)).setBooking(booking).setCustomerEmail(row.getCustomerEmail())
                .build());
    }

    /** The booking's showtime moved: its customer is told the new time. */
    public void rescheduled(BookingsRecord row, Booking booking, ShowtimeMovesRecord move) {
        outbox.append(TOPIC, BookingRescheduled.newBuilder().setMetadata(metadata(row)).setBooking(booking).setCustomerEmail(row.getCustomerEmail())
                .setStartsAt(StoredTime.timestamp(move.getStartsAt())).setEndsAt(StoredTime.timestamp(move.getEndsAt()))
                .setShowtimeVersion(move.getVersion()).build());
    }

    private static io.ticketmesh.proto.common.v1.EventMetadata metadata(BookingsRecord row) {
        return EventMetadatas.next(row.getId().toString(), row.getVersion());
    }
}
