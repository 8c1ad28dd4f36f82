package io.ticketmesh.workers.email;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the show reminders that fell due ({@link ShowReminders}), every {@code ticketmesh.mail.reminders.poll-interval}:
 * each claimed for a while, its show asked of event-service outside any transaction (its time and place as they are
 * now), then mailed and marked sent in one transaction; one whose show now starts later than it heard waits for the
 * new time (the move's event may not have been read yet), and one written without its show's start (event-service
 * could not say it then) learns it here and waits for it likewise. One that cannot be sent now (event-service or SMTP
 * away) is tried again {@code ticketmesh.mail.reminders.retry} later, and one whose process died once its claim lapses;
 * a crash after sending and before the commit sends it once more, as every mail. A show that started already is past
 * reminding: its reminder is marked sent without a mail.
 */
@Component
public class DueReminders {
    static final Duration CLAIM = Duration.ofMinutes(2);
    static final int BATCH = 50;
    /** How much later than its reminder heard a show may start before the reminder waits for the new time. */
    static final Duration SLACK = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(DueReminders.class);
    private final ShowReminders reminders;
    private final Shows shows;
    private final Emails emails;
    private final ReceivedTicketEmails receivedEmails;
    private final Mailer mailer;
    private final TransactionTemplate transaction;
    private final Duration retry;

    public DueReminders(ShowReminders reminders, Shows shows, Emails emails, ReceivedTicketEmails receivedEmails, Mailer mailer,
                        TransactionTemplate transaction, @Value("${ticketmesh.mail.reminders.retry}") Duration retry) {
        this.reminders = reminders;
        this.shows = shows;
        this.emails = emails;
        this.receivedEmails = receivedEmails;
        this.mailer = mailer;
        this.transaction = transaction;
        this.retry = retry;
    }

    @Scheduled(fixedDelayString = "${ticketmesh.mail.reminders.poll-interval}", initialDelayString = "${ticketmesh.mail.reminders.poll-interval}")
    public void sendDue() {
        reminders.deleteOver();
        for (ShowReminders.Due due : reminders.claimDue(CLAIM, BATCH)) {
            try {
                send(due);
            } catch (RuntimeException e) {
                log.warn("the reminder of {} waits {} to be tried again: {}", due.id(), retry, e.toString());
                reminders.retryAfter(due, retry);
            }
        }
    }

    private void send(ShowReminders.Due due) {
        Optional<Shows.Show> show = shows.of(due.showtimeId());
        if (show.isEmpty()) {
            throw new IllegalStateException("event-service could not say what showtime " + due.showtimeId() + " is");
        }
        Instant startsAt = show.get().startsAt();
        if (due.startsAt() == null || startsAt.isAfter(due.startsAt().plus(SLACK))) {
            // not known when written, or moved later and the move not yet read from Kafka: due before the time it has
            // now (or dropped, when that is past)
            reminders.move(due.id().toString(), startsAt);
            return;
        }
        transaction.executeWithoutResult(status -> {
            if (startsAt.isAfter(Instant.now())) {
                mailer.send(mailId(due), due.received() ? receivedEmails.reminder(due, show.get()) : emails.reminder(due, show.get()));
            }
            reminders.sent(due);
        });
    }

    /** The reminder's id in the mail log: one for each time it fell due (a show moved is reminded of again). */
    static UUID mailId(ShowReminders.Due due) {
        return UUID.nameUUIDFromBytes(("reminder:" + due.id() + ":" + due.dueAt()).getBytes(StandardCharsets.UTF_8));
    }
}
