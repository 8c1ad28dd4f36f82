package io.ticketmesh.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
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
        withThisClassLoader(() -> {
            greenMail.start(); // its threads, which parse what they receive, inherit the loader
            return null;
        });
        return new EmbeddedSmtpServer(greenMail, chosen);
    }

    /**
     * Jakarta Mail finds its stream provider afresh for every MIME part it parses, by a ServiceLoader scan of the class
     * path unless this system property names it. In the local stack's Spring Boot jar that scan was three quarters of
     * the SMTP threads' CPU (JFR) as they stored a bookings run's mails (0.14 of a core at 35 bookings a second).
     */
    private static void nameTheMailStreamProvider() {
        System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }

    public int port() {
        return port;
    }

    /** Every message received so far, oldest first, whichever thread asks (see {@link #withThisClassLoader}). */
    public List<ReceivedMail> messages() {
        return withThisClassLoader(() -> Arrays.stream(greenMail.getReceivedMessages())
                .map(EmbeddedSmtpServer::toMail).toList());
    }

    /**
     * Runs the work with this class's loader as the thread's context class loader, which Jakarta Mail loads the
     * provider {@link #nameTheMailStreamProvider} names with: the thread may have another (the mailbox viewer's HTTP
     * thread in the local stack's jar has one that cannot see it, and reading mail there failed).
     */
    private static <T> T withThisClassLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        thread.setContextClassLoader(EmbeddedSmtpServer.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(callers);
        }
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
