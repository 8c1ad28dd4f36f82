package io.ticketmesh.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

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
        int chosen = FreePorts.orNext(port);
        GreenMail greenMail = new GreenMail(new ServerSetup(chosen, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new EmbeddedSmtpServer(greenMail, chosen);
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
