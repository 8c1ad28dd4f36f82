package io.ticketmesh.workers.email;

import static io.ticketmesh.workers.persistence.jooq.Tables.NOTIFICATION_LOG;

import io.micrometer.core.instrument.MeterRegistry;
import io.ticketmesh.platform.privacy.ClosedAccount;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.StreamProvider;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Sends a mail over SMTP (on a kept connection, {@link SmtpConnections}) and records it in the notification log,
 * inside the inbox transaction of the event that asked for it. A failure to send throws, so the event is retried
 * (platform's RetryForever); a crash after sending and before the commit sends it once more on redelivery: at least
 * once, never lost. A mail refused for good is the exception: logged as such, it lets the events behind it go.
 */
@Component
public class Mailer {
    /** The implementation's stream provider (Eclipse Angus, at run time only). */
    private static final String ANGUS_STREAMS = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        // Jakarta Mail 2.1 looks its stream provider up for every body part it writes, scanning the class path for a
        // service file each time (jakartaee/mail-api#861: a twentieth of this service's CPU in a bookings run); named
        // here, it is loaded by name instead.
        if (System.getProperty(StreamProvider.class.getName()) == null && ClassUtils.isPresent(ANGUS_STREAMS, null)) {
            System.setProperty(StreamProvider.class.getName(), ANGUS_STREAMS);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private final JavaMailSender sender;
    private final SmtpConnections connections;
    private final DSLContext dsl;
    private final MailProperties properties;
    private final MeterRegistry meters;

    public Mailer(JavaMailSender sender, SmtpConnections connections, DSLContext dsl, MailProperties properties, MeterRegistry meters) {
        this.sender = sender;
        this.connections = connections;
        this.dsl = dsl;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Sends the mail and logs it as sent. One the server refuses for good ({@link MailRefusal}: no such mailbox, say)
     * is logged as refused, with the server's reply, and counted ({@code ticketmesh.mail.refused}), not retried; one
     * to no address (its customer closed their account) is passed over.
     */
    public void send(UUID eventId, Mail mail) {
        if (mail.to().isBlank()) {
            log.info("the {} email of event {} has no address to go to (the account was closed)", mail.kind(), eventId);
            return;
        }
        MimeMessage message = sender.createMimeMessage();
        try {
            // multipart/mixed of multipart/related (the text and HTML as alternatives, then the images the HTML shows)
            // and the files attached
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            for (Mail.Image image : mail.images()) {
                helper.getMimeMultipart().addBodyPart(inline(image));
            }
            for (Mail.Attachment file : mail.attachments()) {
                helper.addAttachment(file.filename(), new ByteArrayDataSource(file.content(), file.contentType()));
            }
        } catch (MessagingException e) {
            throw new MailSendException("cannot compose the " + mail.kind() + " email of event " + eventId, e);
        }
        try {
            connections.send(message);
        } catch (MessagingException e) {
            MailRefusal refusal = MailRefusal.of(e).orElseThrow(() -> cannotSend(eventId, mail, e));
            String reply = withoutAddress(refusal.reply(), mail.to());
            log.warn("the {} email of event {} was refused for good, not to be sent again: {}", mail.kind(), eventId, reply);
            meters.counter("ticketmesh.mail.refused", "kind", mail.kind()).increment();
            record(eventId, mail, "REFUSED", reply);
            return;
        } catch (IllegalStateException e) {
            throw cannotSend(eventId, mail, e);
        }
        record(eventId, mail, "SENT", null);
    }

    private void record(UUID eventId, Mail mail, String outcome, String reply) {
        dsl.insertInto(NOTIFICATION_LOG).set(NOTIFICATION_LOG.EVENT_ID, eventId).set(NOTIFICATION_LOG.KIND, mail.kind())
                .set(NOTIFICATION_LOG.RECIPIENT, mail.to()).set(NOTIFICATION_LOG.USER_ID, mail.account())
                .set(NOTIFICATION_LOG.SUBJECT, mail.subject()).set(NOTIFICATION_LOG.OUTCOME, outcome).set(NOTIFICATION_LOG.REPLY, reply)
                .onConflictDoNothing().execute();
    }

    private static MailSendException cannotSend(UUID eventId, Mail mail, Exception cause) {
        return new MailSendException("cannot send the " + mail.kind() + " email of event " + eventId, cause);
    }

    /** The server's reply with the address it names left out: the log keeps no address once its account closes. */
    private static String withoutAddress(String reply, String address) {
        return Pattern.compile(Pattern.quote(address), Pattern.CASE_INSENSITIVE).matcher(reply).replaceAll("(the recipient)");
    }

    /**
     * Erases a closed account from the log of what was sent to it: the address and the account, from every entry for the
     * account (to an address it had before, too) and every entry for no account to its address ({@link ClosedAccountRows});
     * the rest of each entry stays.
     */
    public void forget(ClosedAccount account) {
        dsl.update(NOTIFICATION_LOG).set(NOTIFICATION_LOG.RECIPIENT, "").setNull(NOTIFICATION_LOG.USER_ID)
                .where(ClosedAccountRows.of(account, NOTIFICATION_LOG.RECIPIENT, NOTIFICATION_LOG.USER_ID)).execute();
    }

    /** An image shown in place, named as a file too, so a client that lists it lets it be saved. */
    private static MimeBodyPart inline(Mail.Image image) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.png(), "image/png")));
        part.setDisposition(Part.INLINE);
        part.setContentID("<" + image.contentId() + ">");
        part.setFileName(image.filename());
        return part;
    }
}
