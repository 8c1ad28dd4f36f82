package io.ticketmesh.workers.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * SMTP connections kept open from one mail to the next, one for each thread sending at a time. Opening one costs a
 * TCP handshake, the server's greeting and EHLO (and, with a relay that asks for them, TLS and AUTH): most of a
 * mail's time when each mail opened its own (about 45 ms of 90 against the local stack's server, which answers EHLO
 * in two writes and so waits out the client's delayed ACK). A connection left unused for longer than
 * {@link #IDLE_LIMIT} is closed rather than reused, as servers drop idle clients after a few minutes; one that fails
 * anyway (the server restarted) is closed and the mail tried once more on a new connection, unless the server refused
 * the mail itself for good ({@link MailRefusal}). A kept connection is not asked whether it is alive first
 * ({@code isConnected} costs a NOOP round trip a mail): a dead one fails at the envelope, before any of the mail is
 * sent. The sockets send without Nagle's delay ({@link NoDelaySockets}).
 */
@Component
public class SmtpConnections implements DisposableBean {
    static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    private static final List<String> SOCKET_FACTORIES = List.of("mail.smtp.socketFactory", "mail.smtps.socketFactory");

    private final JavaMailSenderImpl settings;
    private final Session session;
    private final Clock clock;
    private final Counter opened;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

    @Autowired
    SmtpConnections(JavaMailSenderImpl settings, MeterRegistry meters) {
        this(settings, meters, Clock.systemUTC());
    }

    SmtpConnections(JavaMailSenderImpl settings, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.session = Session.getInstance(withoutDelay(settings.getJavaMailProperties()));
        this.clock = clock;
        this.opened = Counter.builder("ticketmesh.mail.smtp.connections.opened").description("SMTP connections opened to send mail")
                .register(meters);
    }

    /** Sends the message over a kept connection, or a new one; the connection is kept for the next mail. */
    void send(MimeMessage message) throws MessagingException {
        message.setSentDate(Date.from(clock.instant()));
        message.saveChanges();
        Connection connection = take();
        try {
            connection.send(message);
        } catch (MessagingException | IllegalStateException failed) {
            if (!connection.reused || failed instanceof MessagingException refused && MailRefusal.of(refused).isPresent()) {
                throw failed;
            }
            connection = open();
            connection.send(message);
        }
        connection.reused = true;
        connection.lastUsed = clock.instant();
        idle.offerFirst(connection);
    }

    /** Connections open and waiting for a mail. */
    int idleCount() {
        return idle.size();
    }

    private Connection take() throws MessagingException {
        for (Connection kept = idle.pollFirst(); kept != null; kept = idle.pollFirst()) {
            if (kept.lastUsed.plus(IDLE_LIMIT).isAfter(clock.instant())) {
                return kept;
            }
            kept.close();
        }
        return open();
    }

    private Connection open() throws MessagingException {
        Transport transport = session.getTransport(protocol());
        transport.connect(settings.getHost(), settings.getPort(), settings.getUsername(), settings.getPassword());
        opened.increment();
        return new Connection(transport);
    }

    /** The protocol as Spring's sender picks it: its own, else the session's, else SMTP. */
    private String protocol() {
        if (settings.getProtocol() != null) {
            return settings.getProtocol();
        }
        String configured = session.getProperty("mail.transport.protocol");
        return configured != null ? configured : JavaMailSenderImpl.DEFAULT_PROTOCOL;
    }

    /**
     * The mail settings with the sockets made by {@link NoDelaySockets}, for SMTP and for SMTP over implicit TLS
     * ({@code smtps}, port 465) alike: TLS, whether STARTTLS or from the first byte, is layered over the socket made.
     */
    private static Properties withoutDelay(Properties mailSettings) {
        Properties properties = new Properties();
        properties.putAll(mailSettings);
        for (String factory : SOCKET_FACTORIES) {
            properties.put(factory, new NoDelaySockets());
        }
        return properties;
    }

    /** The socket factories this session's transports use, by setting. */
    Map<String, Object> socketFactories() {
        Map<String, Object> factories = new HashMap<>();
        SOCKET_FACTORIES.forEach(factory -> factories.put(factory, session.getProperties().get(factory)));
        return factories;
    }

    @Override
    public void destroy() {
        for (Connection kept = idle.pollFirst(); kept != null; kept = idle.pollFirst()) {
            kept.close();
        }
    }

    private static final class Connection {
        final Transport transport;
        boolean reused;
        Instant lastUsed;

        Connection(Transport transport) {
            this.transport = transport;
        }

        /** Sends the message; a connection that fails is closed, as it is not to be used again. */
        void send(MimeMessage message) throws MessagingException {
            try {
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException | IllegalStateException failed) {
                close();
                throw failed;
            }
        }

        void close() {
            try {
                transport.close();
            } catch (MessagingException | IllegalStateException ignored) {
                // a connection that failed may fail to close too; it is dropped either way
            }
        }
    }
}
