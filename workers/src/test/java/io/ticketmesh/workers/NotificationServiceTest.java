package io.ticketmesh.workers;

import static io.ticketmesh.platform.testing.GrpcTestCalls.as;
import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static io.ticketmesh.workers.persistence.jooq.Tables.NOTIFICATION_LOG;
import static io.ticketmesh.workers.persistence.jooq.Tables.RECEIVED_TICKETS;
import static io.ticketmesh.workers.persistence.jooq.Tables.SHOW_REMINDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.notification.v1.EmailOutcome;
import io.ticketmesh.proto.notification.v1.ExportNotificationsRequest;
import io.ticketmesh.proto.notification.v1.ExportNotificationsResponse;
import io.ticketmesh.proto.notification.v1.NotificationServiceGrpc;
import io.ticketmesh.proto.notification.v1.SentEmail;
import io.ticketmesh.proto.notification.v1.ShowReminder;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** NotificationService over gRPC: what workers keep of the calling customer, and of no one else, for their export. */
class NotificationServiceTest extends WorkersTestBase {
    private static final ManagedChannel CHANNEL = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext().build();
    private static final ExportNotificationsRequest EXPORT = ExportNotificationsRequest.getDefaultInstance();

    @Autowired
    DSLContext dsl;

    @AfterAll
    static void close() throws InterruptedException {
        CHANNEL.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static NotificationServiceGrpc.NotificationServiceBlockingStub calling(String token) {
        return as(NotificationServiceGrpc.newBlockingStub(CHANNEL), token);
    }

    @Test
    void aCustomerGetsTheMailsForTheirAccountTheTicketsTheyWereGivenAndTheirReminders() {
        String customer = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        // TestTokens' address for a user is <id>@example.test
        String address = customer + "@example.test";
        OffsetDateTime now = StoredTime.now();
        logMail(address, customer, "tickets", "Your tickets: booking TM-1", "SENT", null, now.minusHours(3));
        logMail("before-" + address, customer, "password_changed", "Your Ticketmesh password was changed", "SENT", null,
                now.minusHours(2));
        logMail(address, customer, "reminder", "Tomorrow: Hamlet", "REFUSED", "550 5.1.1 no such mailbox", now.minusHours(1));
        logMail(other + "@example.test", other, "tickets", "Your tickets: booking TM-2", "SENT", null, now);
        logMail(address.toUpperCase(Locale.ROOT), null, "tickets", "Your tickets: booking TM-3", "SENT", null, now);
        UUID given = UUID.randomUUID();
        UUID showtime = UUID.randomUUID();
        receive(given, showtime, customer, address, now.minusMinutes(30));
        receive(UUID.randomUUID(), showtime, other, other + "@example.test", now);
        remind(customer, address, showtime, "TM-1", now.plusDays(1), null);
        remind(other, other + "@example.test", showtime, "TM-2", now.plusDays(1), null);
        remind(null, address, showtime, "TM-3", now.plusDays(1), null);

        ExportNotificationsResponse mine = calling(TOKENS.member(customer, Map.of())).exportNotifications(EXPORT);

        assertThat(mine.getEmailsList()).extracting(SentEmail::getSubject)
                .as("those for their account only (to an address it had before too), oldest first; not one to their address for"
                        + " no account, as a box office sale's: anyone may register with an address")
                .containsExactly("Your tickets: booking TM-1", "Your Ticketmesh password was changed", "Tomorrow: Hamlet");
        assertThat(mine.getEmails(1).getRecipient()).isEqualTo("before-" + address);
        SentEmail refused = mine.getEmails(2);
        assertThat(refused.getOutcome()).isEqualTo(EmailOutcome.EMAIL_OUTCOME_REFUSED);
        assertThat(refused.getReply()).isEqualTo("550 5.1.1 no such mailbox");
        assertThat(refused.getKind()).isEqualTo("reminder");
        assertThat(mine.getEmails(0).getOutcome()).isEqualTo(EmailOutcome.EMAIL_OUTCOME_SENT);
        assertThat(mine.getEmails(0).getReply()).isEmpty();
        assertThat(mine.getReceivedTicketsList()).singleElement().satisfies(ticket -> {
            assertThat(ticket.getTicketId()).isEqualTo(given.toString());
            assertThat(ticket.getGiverName()).isEqualTo("Ada");
            assertThat(ticket.getPlace()).isEqualTo("Stalls, row C, seat 7");
            assertThat(ticket.getRecipient()).isEqualTo(address);
        });
        assertThat(mine.getShowRemindersList()).singleElement().satisfies(reminder -> {
            assertThat(reminder.getBookingReference()).isEqualTo("TM-1");
            assertThat(reminder.getShowtimeId()).isEqualTo(showtime.toString());
            assertThat(reminder.hasSentAt()).as("not sent yet").isFalse();
        });
    }

    @Test
    void aCustomerWithNothingKeptGetsEmptyLists() {
        ExportNotificationsResponse nothing = calling(TOKENS.customer()).exportNotifications(EXPORT);
        assertThat(nothing).isEqualTo(ExportNotificationsResponse.getDefaultInstance());
    }

    @Test
    void aSentReminderCarriesWhenItWent() {
        String customer = UUID.randomUUID().toString();
        OffsetDateTime sent = StoredTime.now().minusHours(3);
        remind(customer, customer + "@example.test", UUID.randomUUID(), "TM-9", sent, sent);

        List<ShowReminder> reminders = calling(TOKENS.member(customer, Map.of())).exportNotifications(EXPORT).getShowRemindersList();

        assertThat(reminders).singleElement().satisfies(reminder -> assertThat(StoredTime.of(reminder.getSentAt())).isEqualTo(sent));
    }

    @Test
    void onlyACustomersOwnTokenReadsIt() {
        var service = failure(() -> calling(TOKENS.service("booking-service")).exportNotifications(EXPORT));
        assertThat(service.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(service.reason()).isEqualTo(ErrorReason.ERROR_REASON_PERMISSION_DENIED);
        assertThat(failure(() -> calling(null).exportNotifications(EXPORT)).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
        String expired = TOKENS.token(UUID.randomUUID().toString(), Map.of(), List.of(), Duration.ofSeconds(-60));
        assertThat(failure(() -> calling(expired).exportNotifications(EXPORT)).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void grpcHealthIsServing() {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(CHANNEL).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    /** {@code account}: the user id the mail was for, null for none (a mail logged before the log kept accounts, say). */
    private void logMail(String to, String account, String kind, String subject, String outcome, String reply, OffsetDateTime at) {
        dsl.insertInto(NOTIFICATION_LOG).set(NOTIFICATION_LOG.EVENT_ID, UUID.randomUUID()).set(NOTIFICATION_LOG.KIND, kind)
                .set(NOTIFICATION_LOG.RECIPIENT, to).set(NOTIFICATION_LOG.USER_ID, account == null ? null : UUID.fromString(account))
                .set(NOTIFICATION_LOG.SUBJECT, subject).set(NOTIFICATION_LOG.OUTCOME, outcome).set(NOTIFICATION_LOG.REPLY, reply)
                .set(NOTIFICATION_LOG.SENT_AT, at).execute();
    }

    private void receive(UUID ticket, UUID showtime, String holder, String to, OffsetDateTime at) {
        dsl.insertInto(RECEIVED_TICKETS).set(RECEIVED_TICKETS.TICKET_ID, ticket).set(RECEIVED_TICKETS.SHOWTIME_ID, showtime)
                .set(RECEIVED_TICKETS.HOLDER_USER_ID, UUID.fromString(holder)).set(RECEIVED_TICKETS.RECIPIENT, to)
                .set(RECEIVED_TICKETS.GIVER_NAME, "Ada").set(RECEIVED_TICKETS.PLACE, "Stalls, row C, seat 7")
                .set(RECEIVED_TICKETS.RECEIVED_AT, at).execute();
    }

    /** {@code user}: the account the reminder is for, null for none (a sale at the box office). */
    private void remind(String user, String to, UUID showtime, String reference, OffsetDateTime due, OffsetDateTime sent) {
        dsl.insertInto(SHOW_REMINDERS).set(SHOW_REMINDERS.ID, UUID.randomUUID()).set(SHOW_REMINDERS.RECEIVED, false)
                .set(SHOW_REMINDERS.SHOWTIME_ID, showtime).set(SHOW_REMINDERS.USER_ID, user == null ? null : UUID.fromString(user))
                .set(SHOW_REMINDERS.RECIPIENT, to).set(SHOW_REMINDERS.REFERENCE, reference)
                .set(SHOW_REMINDERS.STARTS_AT, due.plusDays(1)).set(SHOW_REMINDERS.DUE_AT, due).set(SHOW_REMINDERS.SENT_AT, sent).execute();
    }
}
