package io.ticketmesh.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.util.MailStreamProvider;

/** An in-process SMTP server that keeps every message it receives, readable through {@link #messages()}. */
public final class EmbeddedSmtpServer implements AutoCloseable {
    private final GreenMail greenMail;
    private final int port;

    private EmbeddedSmtpServer(GreenMail greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    /** Starts SMTP on 127.0.0.1; port 0 picks a free one. Any sender and recipient are accepted. */
    public static EmbeddedSmtpServer start(int port) {
        nameTheMailStreamProvider();
        int chosen = FreePorts.orNext(port);
        GreenMail greenMail = new GreenMail(new ServerSetup(chosen, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new EmbeddedSmtpServer(greenMail, chosen);
    }

    /**
     * Jakarta Mail finds its stream provider afresh for every MIME part it parses, by a ServiceLoader scan of the class
     * path unless this system property names it. In the local stack's Spring Boot jar that scan was three quarters of
     * the server's CPU (JFR) as it stored a bookings run's mails, a sixth of a core at 35 bookings a second.
     */
    private static void nameTheMailStreamProvider() {
        System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }

    public int port() {
        return port;
    }

    /** Every message received so far, oldest first. */
    public List<ReceivedMail> messages() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(EmbeddedSmtpServer::toMail).toList();
    }

    private static ReceivedMail toMail(MimeMessage message) {
        try {
            return ReceivedMail.of(message);
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException("unreadable mail", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
