package io.ticketmesh.embedded;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One mail as the mailbox viewer shows it: recipients, subject, when it arrived, and its readable body. */
public record ReceivedMail(List<String> to, String from, String subject, Instant receivedAt, String body, List<Attachment> attachments) {

    /** A part sent as a file (a ticket's QR code). */
    public record Attachment(String filename, String contentType, byte[] content) {}

    static ReceivedMail of(MimeMessage message) throws MessagingException, IOException {
        var recipients = message.getRecipients(Message.RecipientType.TO);
        List<String> to = recipients == null ? List.of() : Arrays.stream(recipients).map(Object::toString).toList();
        var from = message.getFrom();
        Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now();
        return new ReceivedMail(to, from == null || from.length == 0 ? "" : from[0].toString(),
                message.getSubject(), received, readableBody(message.getContent()), attachments(message.getContent()));
    }

    private static List<Attachment> attachments(Object content) throws MessagingException, IOException {
        List<Attachment> files = new ArrayList<>();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getFileName() != null) {
                    files.add(new Attachment(part.getFileName(), part.getContentType().split(";")[0].trim(),
                            part.getInputStream().readAllBytes()));
                } else if (part.getContent() instanceof Multipart nested) {
                    files.addAll(attachments(nested));
                }
            }
        }
        return files;
    }

    /** The first text/plain part, else the first text/html part, else the raw text. */
    private static String readableBody(Object content) throws MessagingException, IOException {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof Multipart multipart) {
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return part.getContent().toString();
                }
                if (part.isMimeType("text/html") && html == null) {
                    html = part.getContent().toString();
                } else if (part.getContent() instanceof Multipart nested && html == null) {
                    html = readableBody(nested);
                }
            }
            return html == null ? "" : html;
        }
        return "";
    }
}
