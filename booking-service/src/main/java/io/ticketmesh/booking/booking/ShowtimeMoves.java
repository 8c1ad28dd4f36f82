package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.ShowtimeMoveRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.ShowtimeMovesRecord;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.event.v1.Showtime;
import java.util.List;
import java.util.UUID;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Showtimes the organizer moved to another time. A move is recorded from its ShowtimeChanged (in the event's inbox
 * transaction); a sweep then tells every kept booking made before it, a batch at a time, each with a
 * BookingRescheduled (the booking one version further) that workers mail to its customer; one whose saga was still
 * running at the move is told once it is kept. Those customers may cancel for a refund until the new start
 * ({@link CustomerRefunds}). Each booking is told of each move once.
 */
@Service
public class ShowtimeMoves {
    private static final int BATCH = 200;
    private final ShowtimeMoveRepository moves;
    private final BookingRepository bookings;
    private final BookingEvents events;
    private final TransactionTemplate transaction;

    public ShowtimeMoves(ShowtimeMoveRepository moves, BookingRepository bookings, BookingEvents events, TransactionTemplate transaction) {
        this.moves = moves;
        this.bookings = bookings;
        this.events = events;
        this.transaction = transaction;
    }

    /** Records that the showtime, as changed, starts at another time. */
    public void moved(Showtime showtime) {
        moves.record(UUID.fromString(showtime.getShowtimeId()), showtime.getVersion(), StoredTime.of(showtime.getStartsAt()),
                StoredTime.of(showtime.getEndsAt()));
    }

    /** Whether the booking's showtime moved after it was made. */
    boolean movedSince(BookingsRecord booking) {
        return moves.movedAfter(booking.getShowtimeId(), booking.getCreatedAt());
    }

    /** Tells the bookings of moved showtimes, a batch a move each sweep; a move is done once none is left to tell. */
    @Scheduled(fixedDelayString = "${ticketmesh.bookings.recovery-interval}")
    public void tell() {
        for (ShowtimeMovesRecord move : moves.untold(10)) {
            transaction.executeWithoutResult(status -> {
                List<BookingsRecord> batch = moves.untoldBookings(move, BATCH);
                for (BookingsRecord booking : batch) {
                    bookings.save(booking);
                    moves.told(booking.getId(), move.getVersion());
                    events.rescheduled(booking, BookingProtos.booking(booking, bookings.items(booking.getId()), List.of(), null, List.of()),
                            move);
                }
                if (batch.size() < BATCH && !moves.anyUntold(move)) {
                    moves.allTold(move);
                }
            });
        }
    }
}
