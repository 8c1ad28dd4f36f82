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

/**
 * One mail as the mailbox viewer shows it: recipients, subject, when it arrived, its readable body (the plain text when
 * it has one), its HTML ("" when none) and its files.
 */
public record ReceivedMail(List<String> to, String from, String subject, Instant receivedAt, String body, String html,
        List<Attachment> attachments) {

    /** A part sent as a file (a ticket's QR code); {@code contentId} without its angle brackets, null when it has none. */
    public record Attachment(String filename, String contentType, byte[] content, String contentId) {}

    static ReceivedMail of(MimeMessage message) throws MessagingException, IOException {
        var recipients = message.getRecipients(Message.RecipientType.TO);
        List<String> to = recipients == null ? List.of() : Arrays.stream(recipients).map(Object::toString).toList();
        var from = message.getFrom();
        Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now();
        return new ReceivedMail(to, from == null || from.length == 0 ? "" : from[0].toString(),
                message.getSubject(), received, readableBody(message.getContent()), html(message.getContent()), attachments(message.getContent()));
    }

    private static List<Attachment> attachments(Object content) throws MessagingException, IOException {
        List<Attachment> files = new ArrayList<>();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getFileName() != null) {
                    String[] contentId = part.getHeader("Content-ID");
                    files.add(new Attachment(part.getFileName(), part.getContentType().split(";")[0].trim(),
                            part.getInputStream().readAllBytes(), contentId == null ? null : contentId[0].replaceAll("^<|>$", "")));
                } else if (part.getContent() instanceof Multipart nested) {
                    files.addAll(attachments(nested));
                }
            }
        }
        return files;
    }

    /** The first text/html part, at any depth; "" when there is none. */
    private static String html(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String found = part.isMimeType("text/html") ? part.getContent().toString() : html(part.getContent());
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
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
