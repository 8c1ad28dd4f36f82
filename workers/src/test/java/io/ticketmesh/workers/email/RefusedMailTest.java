package io.ticketmesh.workers.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketmesh.workers.WorkersTestBase;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Mails an SMTP server refuses, spoken by a scripted server to the real SMTP client, with the real notification log: a
 * refusal for good (no such mailbox, the content refused) is logged with the server's reply and not thrown, so the
 * events behind it go; anything that may pass later (a transient reply, the relay's policy, the sender refused) throws,
 * so the event is retried.
 */
class RefusedMailTest extends WorkersTestBase {
    private final DSLContext dsl;
    private final ScriptedSmtpServer smtp = new ScriptedSmtpServer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SmtpConnections connections;
    private final Mailer mailer;

    RefusedMailTest(@Autowired DSLContext dsl, @Autowired MailProperties properties) throws Exception {
        this.dsl = dsl;
        JavaMailSenderImpl settings = new JavaMailSenderImpl();
        settings.setHost("127.0.0.1");
        settings.setPort(smtp.port());
        connections = new SmtpConnections(settings, meters);
        mailer = new Mailer(settings, connections, dsl, properties, meters);
    }

    @AfterEach
    void stop() throws Exception {
        connections.destroy();
        smtp.close();
    }

    private static Mail mail(String to) {
        return new Mail("tickets", to, "Your tickets: booking TM-REFU-0001", "Your tickets", "<p>Your tickets</p>", List.of(), List.of(),
                null);
    }

    private static String address() {
        return "gone-" + UUID.randomUUID() + "@example.test";
    }

    private Record2<String, String> logged(UUID eventId) {
        return dsl.select(DSL.field("outcome", String.class), DSL.field("reply", String.class))
                .from("notification_log").where("event_id = ?", eventId).fetchOne();
    }

    private double refused() {
        return meters.counter("ticketmesh.mail.refused", "kind", "tickets").count();
    }

    @Test
    void aRecipientRefusedForGoodIsLoggedWithTheRepliesAndTheMailsAfterItGo() {
        String gone = address();
        smtp.refusing(gone, "550 5.1.1 <" + gone.toUpperCase() + ">: Recipient address rejected: User unknown");
        UUID before = UUID.randomUUID();
        mailer.send(before, mail(address()));
        UUID eventId = UUID.randomUUID();

        mailer.send(eventId, mail(gone));
        mailer.send(UUID.randomUUID(), mail(address()));

        assertThat(logged(eventId).value1()).isEqualTo("REFUSED");
        assertThat(logged(eventId).value2()).as("the reply, without the address it names")
                .isEqualTo("550 5.1.1 <(the recipient)>: Recipient address rejected: User unknown");
        assertThat(logged(before).value1()).isEqualTo("SENT");
        assertThat(refused()).isEqualTo(1);
        assertThat(smtp.accepted()).isEqualTo(2);
        assertThat(meters.counter("ticketmesh.mail.smtp.connections.opened").count())
                .as("the refused mail is not tried again on a new connection; the mail after it opens one").isEqualTo(2);
    }

    @Test
    void aMailWhoseContentIsRefusedForGoodIsLoggedAsRefused() {
        smtp.answeringContent("554 5.6.0 Message content rejected");
        UUID eventId = UUID.randomUUID();

        mailer.send(eventId, mail(address()));

        assertThat(logged(eventId).value1()).isEqualTo("REFUSED");
        assertThat(logged(eventId).value2()).isEqualTo("554 5.6.0 Message content rejected");
    }

    @Test
    void aRecipientRefusedForNowThrowsSoTheMailIsTriedAgain() {
        String busy = address();
        smtp.refusing(busy, "451 4.3.0 Mailbox temporarily unavailable");
        assertNotSentAndRetried(busy);
    }

    @Test
    void aRecipientRefusedByTheRelaysPolicyThrowsAsItIsAboutOurSendingNotTheMail() {
        String elsewhere = address();
        smtp.refusing(elsewhere, "550 5.7.1 <" + elsewhere + ">: Relay access denied");
        assertNotSentAndRetried(elsewhere);
    }

    @Test
    void anOlderRelaysRefusalToRelayWithoutAnEnhancedStatusThrowsTooButAMailboxNamedRelayIsRefused() {
        String elsewhere = address();
        smtp.refusing(elsewhere, "550 Relaying denied");
        assertNotSentAndRetried(elsewhere);
        String gone = address();
        smtp.refusing(gone, "550 5.1.1 <relay-desk@example.test>: Recipient address rejected: User unknown");
        UUID eventId = UUID.randomUUID();
        mailer.send(eventId, mail(gone));
        assertThat(logged(eventId).value1()).as("an enhanced status about the mailbox: refused for good").isEqualTo("REFUSED");
    }

    @Test
    void aRefusedSenderThrowsAsEveryMailWouldBeRefusedTheSame() {
        smtp.answeringSender("553 5.1.8 Sender address rejected: Domain not found");
        assertNotSentAndRetried(address());
    }

    @Test
    void aTransientReplyToTheContentThrows() {
        smtp.answeringContent("452 4.3.1 Insufficient system storage");
        assertNotSentAndRetried(address());
    }

    private void assertNotSentAndRetried(String to) {
        UUID eventId = UUID.randomUUID();
        assertThatThrownBy(() -> mailer.send(eventId, mail(to))).isInstanceOf(MailSendException.class);
        assertThat(logged(eventId)).as("nothing logged: the event is retried").isNull();
        assertThat(refused()).isZero();
    }
}
