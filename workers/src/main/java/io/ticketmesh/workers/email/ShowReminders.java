package io.ticketmesh.workers.email;

import static io.ticketmesh.workers.persistence.jooq.Tables.SHOW_REMINDERS;
import static io.ticketmesh.workers.persistence.jooq.Tables.TICKETS_LET_GO;

import io.ticketmesh.platform.privacy.ClosedAccount;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import io.ticketmesh.workers.persistence.jooq.tables.records.ShowRemindersRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reminders of coming shows, due {@code ticketmesh.mail.reminders.lead} before the show: one a booking, to its
 * customer while they hold any of its tickets, and one a ticket received from another customer, to its holder. Written in the inbox transaction of the
 * booking's tickets mail or the received ticket's mail, moved with the show, gone with the booking's whole
 * cancellation, the ticket's void or giving on, or the account's closing. One written while event-service could not
 * say the show is due at once without its start, and the first round that can ask the show sets when it falls due.
 * {@link DueReminders} claims and sends the due ones.
 */
@Component
public class ShowReminders {
    /** How long after its show's start a reminder's row is kept (a move may still bring it back). */
    static final Duration KEPT_AFTER_START = Duration.ofDays(1);
    /** How long a reminder whose show event-service never could say is asked about before it is given up. */
    static final Duration KEPT_UNKNOWN = Duration.ofDays(7);
    private final DSLContext dsl;
    private final Duration lead;

    /**
     * A reminder to send: of a booking (its reference, and whether the box office sold it) or of a ticket received
     * (its place and who gave it), where it goes and for which account (null for a box office sale), its show's start
     * as last heard (null when event-service could not say it yet), and when it fell due.
     */
    public record Due(UUID id, boolean received, String showtimeId, String recipient, String reference, boolean boxOffice, String place,
                      String giverName, Instant startsAt, Instant dueAt, UUID userId) {}

    public ShowReminders(DSLContext dsl, @Value("${ticketmesh.mail.reminders.lead}") Duration lead) {
        this.dsl = dsl;
        this.lead = lead;
    }

    /**
     * The booking's tickets its customer gave away or had voided before its confirmation was read (kept by
     * {@link #noLongerHeld}), taken: neither its tickets mail nor its reminder, written in this transaction, carries
     * them. From here on, until the transaction ends, a ticket let go waits for the reminder to be written and leaves it.
     */
    @Transactional
    Set<String> takeLetGo(String bookingId) {
        UUID id = UUID.fromString(bookingId);
        lock(id);
        return dsl.deleteFrom(TICKETS_LET_GO).where(TICKETS_LET_GO.BOOKING_ID.eq(id)).returning(TICKETS_LET_GO.TICKET_ID)
                .fetchSet(row -> row.get(TICKETS_LET_GO.TICKET_ID).toString());
    }

    /**
     * The confirmed booking's reminder to its customer of the tickets they still hold (all but {@code letGo}, taken by
     * {@link #takeLetGo} in the same transaction); none when they hold none of them, when it would be due already (the
     * show is that close: the tickets mail has just gone) or the booking has no address. When the show could not be
     * asked it is due at once, for the first round that can ask it to set when.
     */
    @Transactional
    void schedule(Booking booking, Set<String> letGo, String recipient, Optional<Shows.Show> show) {
        String customer = booking.hasBoxOffice() ? "" : booking.getUserId();
        UUID[] tickets = booking.getTicketsList().stream().map(Ticket::getTicketId).filter(ticket -> !letGo.contains(ticket))
                .map(UUID::fromString).toArray(UUID[]::new);
        if (tickets.length == 0 && !booking.getTicketsList().isEmpty()) {
            return;
        }
        insert(booking.getBookingId(), false, booking.getShowtimeId(), customer, recipient, show)
                .ifPresent(row -> row.set(SHOW_REMINDERS.REFERENCE, booking.getReference())
                        .set(SHOW_REMINDERS.BOX_OFFICE, booking.hasBoxOffice()).set(SHOW_REMINDERS.TICKET_IDS, tickets)
                        .onConflictDoNothing().execute());
    }

    /**
     * The booking's customer holds these of its tickets no more (given to another customer, or voided): when they
     * hold none of them, the booking is not reminded (whoever holds them now is reminded of their own). Read before
     * the booking's reminder was written, they are kept for {@link #schedule} to leave out.
     */
    @Transactional
    void noLongerHeld(String bookingId, Collection<String> ticketIds) {
        if (bookingId.isBlank()) {
            return;
        }
        UUID id = UUID.fromString(bookingId);
        lock(id);
        Condition booking = SHOW_REMINDERS.ID.eq(id).and(SHOW_REMINDERS.RECEIVED.isFalse());
        if (!dsl.fetchExists(SHOW_REMINDERS, booking)) {
            for (String ticketId : ticketIds) {
                dsl.insertInto(TICKETS_LET_GO).set(TICKETS_LET_GO.TICKET_ID, UUID.fromString(ticketId)).set(TICKETS_LET_GO.BOOKING_ID, id)
                        .onConflictDoNothing().execute();
            }
            return;
        }
        for (String ticketId : ticketIds) {
            dsl.update(SHOW_REMINDERS).set(SHOW_REMINDERS.TICKET_IDS, DSL.arrayRemove(SHOW_REMINDERS.TICKET_IDS, UUID.fromString(ticketId)))
                    .where(booking).execute();
        }
        dsl.deleteFrom(SHOW_REMINDERS).where(booking).and(DSL.cardinality(SHOW_REMINDERS.TICKET_IDS).eq(0)).execute();
    }

    /**
     * The received ticket's reminder to its new holder, as {@link #schedule}; the ticket its giver had received, if
     * they had, is theirs no more, and neither is its reminder.
     */
    void scheduleReceived(TicketTransferred transferred, String place, Optional<Shows.Show> show) {
        drop(List.of(UUID.fromString(transferred.getFromTicketId())));
        insert(transferred.getTicket().getTicketId(), true, transferred.getShowtimeId(), transferred.getTicket().getHolderUserId(),
                transferred.getRecipientEmail(), show)
                .ifPresent(row -> row.set(SHOW_REMINDERS.PLACE, place).set(SHOW_REMINDERS.GIVER_NAME, transferred.getFromName())
                        .onConflictDoNothing().execute());
    }

    private Optional<InsertSetMoreStep<ShowRemindersRecord>> insert(String id, boolean received, String showtimeId, String userId,
                                                                           String recipient, Optional<Shows.Show> show) {
        Instant now = Instant.now();
        Instant due = show.map(known -> known.startsAt().minus(lead)).orElse(now);
        if (recipient.isBlank() || show.isPresent() && !due.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(dsl.insertInto(SHOW_REMINDERS).set(SHOW_REMINDERS.ID, UUID.fromString(id)).set(SHOW_REMINDERS.RECEIVED, received)
                .set(SHOW_REMINDERS.SHOWTIME_ID, UUID.fromString(showtimeId))
                .set(SHOW_REMINDERS.USER_ID, userId.isEmpty() ? null : UUID.fromString(userId)).set(SHOW_REMINDERS.RECIPIENT, recipient)
                .set(SHOW_REMINDERS.STARTS_AT, show.map(known -> utc(known.startsAt())).orElse(null)).set(SHOW_REMINDERS.DUE_AT, utc(due)));
    }

    /**
     * The show of the booking or received ticket {@code id} moved to {@code startsAt}: its reminder falls due
     * {@code lead} before it, sent again if it was sent for the old time; none when that is past already (the mail of
     * the move has just told the new time).
     */
    void move(String id, Instant startsAt) {
        move(SHOW_REMINDERS.ID.eq(UUID.fromString(id)), startsAt);
    }

    /** The show moved to {@code startsAt}: the reminders of the tickets received for it, as {@link #move(String, Instant)}. */
    void moveReceived(String showtimeId, Instant startsAt) {
        move(SHOW_REMINDERS.SHOWTIME_ID.eq(UUID.fromString(showtimeId)).and(SHOW_REMINDERS.RECEIVED), startsAt);
    }

    private void move(Condition which, Instant startsAt) {
        Instant due = startsAt.minus(lead);
        if (!due.isAfter(Instant.now())) {
            dsl.deleteFrom(SHOW_REMINDERS).where(which).execute();
            return;
        }
        dsl.update(SHOW_REMINDERS).set(SHOW_REMINDERS.STARTS_AT, utc(startsAt)).set(SHOW_REMINDERS.DUE_AT, utc(due))
                .setNull(SHOW_REMINDERS.CLAIMED_UNTIL).setNull(SHOW_REMINDERS.SENT_AT).where(which).execute();
    }

    /** Serializes, until the transaction ends, the writes of a booking's reminder and of its tickets let go. */
    private void lock(UUID bookingId) {
        dsl.fetch("select pg_advisory_xact_lock(hashtextextended(?, 0))", "show_reminders:" + bookingId);
    }

    /** The bookings cancelled whole, or the received tickets voided: no reminder of them. */
    void drop(Collection<UUID> ids) {
        dsl.deleteFrom(SHOW_REMINDERS).where(SHOW_REMINDERS.ID.in(ids)).execute();
    }

    /**
     * A closed account: no reminder goes to its customer, or to its address for no account, and none keeps them
     * ({@link ClosedAccountRows}).
     */
    void forget(ClosedAccount account) {
        dsl.deleteFrom(SHOW_REMINDERS).where(ClosedAccountRows.of(account, SHOW_REMINDERS.RECIPIENT, SHOW_REMINDERS.USER_ID)).execute();
    }

    /**
     * Claims for {@code claim} up to {@code limit} reminders due and not sent, earliest first, that no other process
     * holds a claim on; one whose claim lapsed (its process died or could not send it) is taken again.
     */
    List<Due> claimDue(Duration claim, int limit) {
        OffsetDateTime now = utc(Instant.now());
        var due = DSL.select(SHOW_REMINDERS.ID).from(SHOW_REMINDERS).where(SHOW_REMINDERS.SENT_AT.isNull())
                .and(SHOW_REMINDERS.DUE_AT.le(now))
                .and(SHOW_REMINDERS.CLAIMED_UNTIL.isNull().or(SHOW_REMINDERS.CLAIMED_UNTIL.lt(now)))
                .orderBy(SHOW_REMINDERS.DUE_AT).limit(limit).forUpdate().skipLocked();
        return dsl.update(SHOW_REMINDERS).set(SHOW_REMINDERS.CLAIMED_UNTIL, now.plus(claim)).where(SHOW_REMINDERS.ID.in(due))
                .returning().fetch(ShowReminders::due);
    }

    /** The reminder could not be sent now: it is claimed by no one again {@code after} from now. */
    void retryAfter(Due due, Duration after) {
        dsl.update(SHOW_REMINDERS).set(SHOW_REMINDERS.CLAIMED_UNTIL, utc(Instant.now().plus(after)))
                .where(SHOW_REMINDERS.ID.eq(due.id())).and(SHOW_REMINDERS.SENT_AT.isNull()).execute();
    }

    /** The reminder was sent (or its show has started: too late for it), unless its show moved since it was claimed. */
    void sent(Due due) {
        dsl.update(SHOW_REMINDERS).set(SHOW_REMINDERS.SENT_AT, utc(Instant.now())).setNull(SHOW_REMINDERS.CLAIMED_UNTIL)
                .where(SHOW_REMINDERS.ID.eq(due.id())).and(SHOW_REMINDERS.DUE_AT.eq(utc(due.dueAt()))).execute();
    }

    /**
     * Deletes the reminders of shows that started more than {@link #KEPT_AFTER_START} ago, and those whose show
     * event-service has not said in {@link #KEPT_UNKNOWN}; answers how many.
     */
    int deleteOver() {
        Instant now = Instant.now();
        dsl.deleteFrom(TICKETS_LET_GO).where(TICKETS_LET_GO.LET_GO_AT.lt(utc(now.minus(KEPT_UNKNOWN)))).execute();
        return dsl.deleteFrom(SHOW_REMINDERS).where(SHOW_REMINDERS.STARTS_AT.lt(utc(now.minus(KEPT_AFTER_START))))
                .or(SHOW_REMINDERS.STARTS_AT.isNull().and(SHOW_REMINDERS.DUE_AT.lt(utc(now.minus(KEPT_UNKNOWN))))).execute();
    }

    private static Due due(ShowRemindersRecord row) {
        return new Due(row.getId(), row.getReceived(), row.getShowtimeId().toString(), row.getRecipient(), row.getReference(),
                row.getBoxOffice(), row.getPlace(), row.getGiverName(), row.getStartsAt() == null ? null : row.getStartsAt().toInstant(),
                row.getDueAt().toInstant(), row.getUserId());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
