package io.ticketmesh.workers.email;

import java.util.List;

/**
 * An email to send: plain text, with attachments (a ticket's QR code as PNG).
 *
 * @param kind what it is about, for the notification log ("tickets", "cancellation", "waitlist_offer")
 */
public record Mail(String kind, String to, String subject, String text, List<Attachment> attachments) {
    public record Attachment(String filename, String contentType, byte[] content) {}
}
