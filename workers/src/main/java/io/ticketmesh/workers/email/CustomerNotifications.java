package io.ticketmesh.workers.email;

import static io.ticketmesh.workers.persistence.jooq.Tables.NOTIFICATION_LOG;
import static io.ticketmesh.workers.persistence.jooq.Tables.RECEIVED_TICKETS;
import static io.ticketmesh.workers.persistence.jooq.Tables.SHOW_REMINDERS;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.notification.v1.EmailOutcome;
import io.ticketmesh.proto.notification.v1.ExportNotificationsResponse;
import io.ticketmesh.proto.notification.v1.ReceivedTicket;
import io.ticketmesh.proto.notification.v1.SentEmail;
import io.ticketmesh.proto.notification.v1.ShowReminder;
import io.ticketmesh.workers.persistence.jooq.tables.records.NotificationLogRecord;
import io.ticketmesh.workers.persistence.jooq.tables.records.ReceivedTicketsRecord;
import io.ticketmesh.workers.persistence.jooq.tables.records.ShowRemindersRecord;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectLimitStep;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything workers keep for a customer's account, for their account export: the mails logged for it (to an address
 * it had before too), the tickets it was given and its show reminders. By the account only, never by the address on
 * the token: an account's address is not confirmed when it registers, so an address alone proves nothing, and the mails
 * to it for no account (a sale at the box office, an entry logged before the log kept accounts) are not theirs to read.
 */
@Component
public class CustomerNotifications {
    /** Entries of one list at most: far above any customer's; more is for support. */
    static final int MOST = 10_000;
    private final DSLContext dsl;

    public CustomerNotifications(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The caller's, a customer's (PERMISSION_DENIED for a service, which has no mail of its own). */
    @Transactional(readOnly = true)
    public ExportNotificationsResponse export(Caller caller) {
        if (caller.isService()) {
            throw DomainException.permissionDenied("only a customer's own token reads what was mailed to them");
        }
        UUID user = UUID.fromString(caller.userId());
        List<NotificationLogRecord> emails = atMost("emails", dsl.selectFrom(NOTIFICATION_LOG)
                .where(NOTIFICATION_LOG.USER_ID.eq(user)).orderBy(NOTIFICATION_LOG.SENT_AT, NOTIFICATION_LOG.ID));
        List<ReceivedTicketsRecord> received = atMost("received tickets", dsl.selectFrom(RECEIVED_TICKETS)
                .where(RECEIVED_TICKETS.HOLDER_USER_ID.eq(user)).orderBy(RECEIVED_TICKETS.RECEIVED_AT, RECEIVED_TICKETS.TICKET_ID));
        List<ShowRemindersRecord> reminders = atMost("show reminders", dsl.selectFrom(SHOW_REMINDERS)
                .where(SHOW_REMINDERS.USER_ID.eq(user)).orderBy(SHOW_REMINDERS.DUE_AT, SHOW_REMINDERS.ID));
        return ExportNotificationsResponse.newBuilder()
                .addAllEmails(emails.stream().map(CustomerNotifications::email).toList())
                .addAllReceivedTickets(received.stream().map(CustomerNotifications::received).toList())
                .addAllShowReminders(reminders.stream().map(CustomerNotifications::reminder).toList())
                .build();
    }

    /** The query's rows, FAILED_PRECONDITION when there are more than {@link #MOST}. */
    private static <R extends Record> List<R> atMost(String what, SelectLimitStep<R> query) {
        List<R> rows = query.limit(MOST + 1).fetch();
        if (rows.size() > MOST) {
            throw DomainException.invalidState("more than " + MOST + " " + what + " to export: ask support");
        }
        return rows;
    }

    private static SentEmail email(NotificationLogRecord row) {
        return SentEmail.newBuilder().setKind(row.getKind()).setRecipient(row.getRecipient()).setSubject(row.getSubject())
                .setSentAt(StoredTime.timestamp(row.getSentAt()))
                .setOutcome(row.getOutcome().equals("REFUSED") ? EmailOutcome.EMAIL_OUTCOME_REFUSED
                        : EmailOutcome.EMAIL_OUTCOME_SENT)
                .setReply(row.getReply() == null ? "" : row.getReply()).build();
    }

    private static ReceivedTicket received(ReceivedTicketsRecord row) {
        return ReceivedTicket.newBuilder().setTicketId(row.getTicketId().toString()).setShowtimeId(row.getShowtimeId().toString())
                .setRecipient(row.getRecipient()).setGiverName(row.getGiverName()).setPlace(row.getPlace())
                .setReceivedAt(StoredTime.timestamp(row.getReceivedAt())).build();
    }

    private static ShowReminder reminder(ShowRemindersRecord row) {
        ShowReminder.Builder reminder = ShowReminder.newBuilder().setShowtimeId(row.getShowtimeId().toString())
                .setBookingReference(row.getReceived() ? "" : row.getReference()).setPlace(row.getPlace())
                .setGiverName(row.getGiverName()).setRecipient(row.getRecipient()).setDueAt(StoredTime.timestamp(row.getDueAt()));
        if (row.getSentAt() != null) {
            reminder.setSentAt(StoredTime.timestamp(row.getSentAt()));
        }
        return reminder.build();
    }
}
