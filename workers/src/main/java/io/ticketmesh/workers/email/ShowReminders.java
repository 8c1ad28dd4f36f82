package io.ticketmesh.workers.email;

import static io.ticketmesh.workers.persistence.jooq.Tables.SHOW_REMINDERS;

import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.workers.persistence.jooq.tables.records.ShowRemindersRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The reminders of coming shows, one a booking, due {@code ticketmesh.mail.reminders.lead} before its show: written in
 * the inbox transaction of the booking's tickets mail, moved with its show, gone with its cancellation or its
 * customer's account. {@link DueReminders} claims and sends the due ones.
 */
@Component
public class ShowReminders {
    /** How long after its show's start a reminder's row is kept (a move may still bring it back). */
    static final Duration KEPT_AFTER_START = Duration.ofDays(1);
    private final DSLContext dsl;
    private final Duration lead;

    /** A reminder to send: the booking it is of, where it goes, its show's start as last heard, and when it fell due. */
    public record Due(UUID bookingId, String showtimeId, String reference, String recipient, boolean boxOffice, Instant startsAt,
                      Instant dueAt) {}

    public ShowReminders(DSLContext dsl, @Value("${ticketmesh.mail.reminders.lead}") Duration lead) {
        this.dsl = dsl;
        this.lead = lead;
    }

    /**
     * The confirmed booking's reminder, {@code lead} before its show; none when that moment is past (the show is that
     * close: its tickets mail has just gone), when the show could not be asked or the booking has no address.
     */
    void schedule(Booking booking, String recipient, Optional<Shows.Show> show) {
        Instant due = show.map(known -> known.startsAt().minus(lead)).orElse(Instant.MIN);
        if (recipient.isBlank() || !due.isAfter(Instant.now())) {
            return;
        }
        dsl.insertInto(SHOW_REMINDERS).set(SHOW_REMINDERS.BOOKING_ID, UUID.fromString(booking.getBookingId()))
                .set(SHOW_REMINDERS.SHOWTIME_ID, UUID.fromString(booking.getShowtimeId()))
                .set(SHOW_REMINDERS.REFERENCE, booking.getReference()).set(SHOW_REMINDERS.RECIPIENT, recipient)
                .set(SHOW_REMINDERS.BOX_OFFICE, booking.hasBoxOffice()).set(SHOW_REMINDERS.STARTS_AT, utc(show.get().startsAt()))
                .set(SHOW_REMINDERS.DUE_AT, utc(due)).onConflictDoNothing().execute();
    }

    /**
     * The booking's show moved to {@code startsAt}: its reminder falls due {@code lead} before it, sent again if it
     * was sent for the old time; none when that moment is past (the mail of the move has just told the new time).
     */
    void move(String bookingId, Instant startsAt) {
        Instant due = startsAt.minus(lead);
        if (!due.isAfter(Instant.now())) {
            drop(bookingId);
            return;
        }
        dsl.update(SHOW_REMINDERS).set(SHOW_REMINDERS.STARTS_AT, utc(startsAt)).set(SHOW_REMINDERS.DUE_AT, utc(due))
                .setNull(SHOW_REMINDERS.CLAIMED_UNTIL).setNull(SHOW_REMINDERS.SENT_AT)
                .where(SHOW_REMINDERS.BOOKING_ID.eq(UUID.fromString(bookingId))).execute();
    }

    /** The booking was cancelled whole: no reminder of it. */
    void drop(String bookingId) {
        dsl.deleteFrom(SHOW_REMINDERS).where(SHOW_REMINDERS.BOOKING_ID.eq(UUID.fromString(bookingId))).execute();
    }

    /** A closed account's address: no reminder goes to it, and none keeps it. */
    void forget(String address) {
        dsl.deleteFrom(SHOW_REMINDERS).where(DSL.lower(SHOW_REMINDERS.RECIPIENT).eq(address.toLowerCase(Locale.ROOT))).execute();
    }

    /**
     * Claims for {@code claim} up to {@code limit} reminders due and not sent, earliest first, that no other process
     * holds a claim on; one whose claim lapsed (its process died or could not send it) is taken again.
     */
    List<Due> claimDue(Duration claim, int limit) {
        OffsetDateTime now = utc(Instant.now());
        var due = DSL.select(SHOW_REMINDERS.BOOKING_ID).from(SHOW_REMINDERS).where(SHOW_REMINDERS.SENT_AT.isNull())
                .and(SHOW_REMINDERS.DUE_AT.le(now))
                .and(SHOW_REMINDERS.CLAIMED_UNTIL.isNull().or(SHOW_REMINDERS.CLAIMED_UNTIL.lt(now)))
                .orderBy(SHOW_REMINDERS.DUE_AT).limit(limit).forUpdate().skipLocked();
        return dsl.update(SHOW_REMINDERS).set(SHOW_REMINDERS.CLAIMED_UNTIL, now.plus(claim)).where(SHOW_REMINDERS.BOOKING_ID.in(due))
                .returning().fetch(ShowReminders::due);
    }

    /** The reminder was sent (or its show has started: too late for it), unless its show moved since it was claimed. */
    void sent(Due due) {
        dsl.update(SHOW_REMINDERS).set(SHOW_REMINDERS.SENT_AT, utc(Instant.now())).setNull(SHOW_REMINDERS.CLAIMED_UNTIL)
                .where(SHOW_REMINDERS.BOOKING_ID.eq(due.bookingId())).and(SHOW_REMINDERS.DUE_AT.eq(utc(due.dueAt()))).execute();
    }

    /** Deletes the reminders of shows that started more than {@link #KEPT_AFTER_START} ago; answers how many. */
    int deleteOver() {
        return dsl.deleteFrom(SHOW_REMINDERS).where(SHOW_REMINDERS.STARTS_AT.lt(utc(Instant.now().minus(KEPT_AFTER_START)))).execute();
    }

    private static Due due(ShowRemindersRecord row) {
        return new Due(row.getBookingId(), row.getShowtimeId().toString(), row.getReference(), row.getRecipient(), row.getBoxOffice(),
                row.getStartsAt().toInstant(), row.getDueAt().toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
