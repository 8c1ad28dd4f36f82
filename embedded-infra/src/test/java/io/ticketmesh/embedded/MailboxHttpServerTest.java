package io.ticketmesh.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.util.StreamProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

class MailboxHttpServerTest {

    @Test
    void mailSentOverSmtpIsListedAsHtmlAndJson() throws Exception {
        try (EmbeddedSmtpServer smtp = EmbeddedSmtpServer.start(0);
             MailboxHttpServer mailbox = MailboxHttpServer.start(FreePorts.next(), smtp)) {
            GreenMailUtil.sendTextEmail("alice@demo.ticketmesh.dev", "tickets@ticketmesh.dev", "Your <tickets>",
                    "Booking \"TM-1\" confirmed\nSeat A1", new ServerSetup(smtp.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

            HttpClient http = HttpClient.newHttpClient();
            String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mailbox.port() + "/api/messages")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(json).startsWith("[{\"to\":[\"alice@demo.ticketmesh.dev\"]")
                    .contains("\"subject\":\"Your <tickets>\"")
                    .contains("\"body\":\"Booking \\\"TM-1\\\" confirmed")
                    .contains("\"received_at\":\"");
            String html = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mailbox.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(html).contains("Your &lt;tickets&gt;").doesNotContain("Your <tickets>");
        }
    }

    /**
     * Else Jakarta Mail scans the class path for it at every MIME part the server parses (EmbeddedSmtpServer); and the
     * mail is read all the same from a thread whose context class loader cannot see the provider named (the local
     * stack's mailbox viewer answered nothing so).
     */
    @Test
    void theServerNamesJakartaMailsStreamProviderAndReadsMailFromAnyThread() throws Exception {
        try (EmbeddedSmtpServer smtp = EmbeddedSmtpServer.start(0)) {
            assertThat(System.getProperty(StreamProvider.class.getName())).isEqualTo(MailStreamProvider.class.getName());
            GreenMailUtil.sendAttachmentEmail("ana@example.test", "tickets@example.test", "Your tickets", "see attached",
                    new byte[] {1, 2, 3}, "image/png", "qr-1.png", "a code",
                    new ServerSetup(smtp.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

            AtomicReference<Object> read = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    read.set(smtp.messages());
                } catch (RuntimeException e) {
                    read.set(e);
                }
            });
            reader.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            reader.start();
            reader.join();

            assertThat(read.get()).asInstanceOf(InstanceOfAssertFactories.list(ReceivedMail.class)).singleElement()
                    .satisfies(mail -> assertThat(mail.attachments()).extracting(ReceivedMail.Attachment::filename)
                            .containsExactly("qr-1.png"));
        }
    }

    @Test
    void anHtmlMailIsDrawnWithItsImagesInPlace() {
        ReceivedMail mail = new ReceivedMail(List.of("ana@example.test"), "tickets@example.test", "Your tickets", Instant.now(), "text",
                "<img src=\"cid:qr-1@tm\"><img src=\"cid:unknown\">",
                List.of(new ReceivedMail.Attachment("qr-1.png", "image/png", new byte[] {1, 2, 3}, "qr-1@tm")));
        assertThat(MailboxHttpServer.withImagesInPlace(mail)).isEqualTo("<img src=\"data:image/png;base64,AQID\"><img src=\"cid:unknown\">");
    }

    @Test
    void jsonStringsAreEscaped() {
        assertThat(MailboxHttpServer.toJson(List.of())).isEqualTo("[]");
        assertThat(MailboxHttpServer.jsonString("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
