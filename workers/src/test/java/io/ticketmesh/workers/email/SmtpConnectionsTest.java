package io.ticketmesh.workers.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ticketmesh.embedded.EmbeddedSmtpServer;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.embedded.ReceivedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Kept SMTP connections against a real SMTP server: reused, replaced when idle too long or dropped by the server. */
class SmtpConnectionsTest {
    private final int port = FreePorts.next();
    private final JavaMailSenderImpl settings = new JavaMailSenderImpl();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Instant now = Instant.parse("2027-01-01T10:00:00Z");
    private final SmtpConnections connections;
    private EmbeddedSmtpServer smtp = EmbeddedSmtpServer.start(port);

    SmtpConnectionsTest() {
        settings.setHost("127.0.0.1");
        settings.setPort(port);
        connections = new SmtpConnections(settings, meters, new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
    }

    @AfterEach
    void stop() {
        connections.destroy();
        smtp.close();
    }

    private MimeMessage mail(String subject) throws MessagingException {
        MimeMessage message = settings.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom("tickets@ticketmesh.test");
        helper.setTo("ada@example.test");
        helper.setSubject(subject);
        helper.setText("Your tickets");
        return message;
    }

    private double opened() {
        return meters.get("ticketmesh.mail.smtp.connections.opened").counter().count();
    }

    private List<String> subjects() {
        return smtp.messages().stream().map(ReceivedMail::subject).toList();
    }

    @Test
    void mailsOneAfterAnotherGoOverOneConnection() throws Exception {
        connections.send(mail("first"));
        connections.send(mail("second"));
        connections.send(mail("third"));

        assertThat(subjects()).containsExactly("first", "second", "third");
        assertThat(opened()).isEqualTo(1);
        assertThat(connections.idleCount()).isEqualTo(1);
    }

    @Test
    void aConnectionIdleLongerThanTheLimitIsReplaced() throws Exception {
        connections.send(mail("before the pause"));
        now = now.plus(SmtpConnections.IDLE_LIMIT).plus(Duration.ofSeconds(1));
        connections.send(mail("after the pause"));

        assertThat(subjects()).containsExactly("before the pause", "after the pause");
        assertThat(opened()).isEqualTo(2);
        assertThat(connections.idleCount()).isEqualTo(1);
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndTheMailStillSent() throws Exception {
        connections.send(mail("before the restart"));
        smtp.close();
        smtp = EmbeddedSmtpServer.start(port);

        connections.send(mail("after the restart"));

        assertThat(subjects()).containsExactly("after the restart");
        assertThat(opened()).isEqualTo(2);
    }

    @Test
    void aMailNoServerTakesFailsAndKeepsNoConnection() throws Exception {
        smtp.close();

        assertThatThrownBy(() -> connections.send(mail("nowhere"))).isInstanceOf(MessagingException.class);
        assertThat(connections.idleCount()).isZero();
        assertThat(opened()).isZero();
    }

    @Test
    void mailGoesOverImplicitTlsWithTheSocketsThatSendAtOnce() throws Exception {
        GreenMail tls = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        tls.start();
        try {
            JavaMailSenderImpl smtps = new JavaMailSenderImpl();
            smtps.setHost("127.0.0.1");
            smtps.setPort(tls.getSmtps().getPort());
            smtps.setProtocol("smtps");
            // the test server's certificate is its own, and names no host
            smtps.getJavaMailProperties().put("mail.smtps.ssl.trust", "*");
            smtps.getJavaMailProperties().put("mail.smtps.ssl.checkserveridentity", "false");
            SmtpConnections overTls = new SmtpConnections(smtps, meters);
            try {
                assertThat(overTls.socketFactories()).as("plain SMTP and implicit TLS alike")
                        .containsOnlyKeys("mail.smtp.socketFactory", "mail.smtps.socketFactory")
                        .allSatisfy((name, factory) -> assertThat(factory).isInstanceOf(NoDelaySockets.class));
                overTls.send(mail("over TLS"));
                overTls.send(mail("over TLS again"));
            } finally {
                overTls.destroy();
            }
            assertThat(tls.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("over TLS", "over TLS again");
        } finally {
            tls.stop();
        }
    }
}
