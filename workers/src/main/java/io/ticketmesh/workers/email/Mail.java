package io.ticketmesh.workers.email;

import java.util.List;
import java.util.UUID;

/**
 * An email to send: plain text and the same as HTML, with the images the HTML shows in place (a ticket's QR code as
 * PNG), each also named as a file so it can be saved, and files attached (the show as a calendar entry).
 *
 * @param kind what it is about, for the notification log ("tickets", "booking_failed", "cancellation",
 *     "waitlist_offer", "waitlist_closed", "password_reset", "password_changed", "email_confirmation",
 *     "email_change_asked", "email_changed", "account_closed", "ticket_received", "received_voided", "reminder", "refund")
 * @param account the account the mail is for, by which the log finds it for the account's export and erasure; null for
 *     an address without one (a buyer at the box office, a ticket offered to an address)
 */
public record Mail(String kind, String to, String subject, String text, String html, List<Image> images, List<Attachment> attachments,
                   UUID account) {
    /** An image the HTML refers to as {@code cid:<contentId>}. */
    public record Image(String contentId, String filename, byte[] png) {}

    /** A file sent with the mail. */
    public record Attachment(String filename, String contentType, byte[] content) {}

    /** The mail that says {@code body}, its HTML titled by the subject. */
    static Mail of(String kind, String to, String subject, MailBody body) {
        return of(kind, to, subject, body, List.of(), List.of());
    }

    static Mail of(String kind, String to, String subject, MailBody body, List<Image> images, List<Attachment> attachments) {
        return new Mail(kind, to, subject, body.text(), body.html(subject), images, attachments, null);
    }

    /** The mail, for the account with the user id {@code userId}; for none when it is empty. */
    Mail forAccount(String userId) {
        return forAccount(userId.isEmpty() ? null : UUID.fromString(userId));
    }

    /** The mail, for the account {@code userId} (none when null). */
    Mail forAccount(UUID userId) {
        return new Mail(kind, to, subject, text, html, images, attachments, userId);
    }
}
