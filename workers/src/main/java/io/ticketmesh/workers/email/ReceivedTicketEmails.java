package io.ticketmesh.workers.email;

import io.ticketmesh.platform.display.Wording;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketOffered;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The mails of tickets customers received from others ({@link TicketListeners}): the ticket with its new code, an
 * offer of one to an address without an account, a reminder before its show, a new time for its show, its void.
 * Written in the words and layout of the booking mails ({@link Emails}).
 */
@Component
public class ReceivedTicketEmails {
    private final MailProperties properties;

    public ReceivedTicketEmails(MailProperties properties) {
        this.properties = properties;
    }

    /** A ticket another customer gave the recipient: its new code, the giver's no longer admitting. */
    public Mail ticketReceived(TicketTransferred transferred, Optional<Shows.Show> show) {
        Ticket ticket = transferred.getTicket();
        String giver = transferred.getFromName().isBlank() ? "Another customer" : transferred.getFromName().strip();
        List<Mail.Image> codes = new ArrayList<>();
        MailBody body = new MailBody().show(show).paragraph(giver + " gave you a ticket:").items(List.of(Emails.item(ticket, codes)))
                .paragraph(Emails.SHOW_THE_CODE, "The code is yours alone: the one " + giver + " had no longer admits.",
                        "Your tickets: " + properties.appUrl() + "/tickets");
        return Mail.of("ticket_received", transferred.getRecipientEmail(), giver + " gave you a ticket", body, codes,
                Emails.calendar("ticket-" + ticket.getTicketId(), ticket.getTicketId(), "Ticket: " + Wording.place(ticket),
                        transferred.getMetadata().getOccurredAt(), show)).forAccount(ticket.getHolderUserId());
    }

    /**
     * A ticket offered to an address with no account yet: who offers it, the seat (no code: it is not theirs yet), the
     * link that takes it once they sign in or register with this address ({@code token}, opened from the event), and
     * when the offer lapses.
     */
    public Mail ticketOffered(TicketOffered offered, String token, Optional<Shows.Show> show) {
        String giver = offered.getFromName().isBlank() ? "Another customer" : offered.getFromName().strip();
        Ticket ticket = offered.getTicket();
        Instant until = Instant.ofEpochSecond(offered.getExpiresAt().getSeconds());
        String link = properties.appUrl() + "/ticket-offers?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        MailBody body = new MailBody().show(show)
                .paragraph(giver + " wants to give you a ticket:")
                .items(List.of(new MailBody.Item(Wording.place(ticket) + " (tier " + ticket.getTier() + ")", null)))
                .paragraph("To take it, sign in or create an account with this address (" + offered.getRecipientEmail()
                                + "), then open:", link)
                .paragraph("Your ticket then comes with a code of its own. Until you take it the ticket stays " + giver
                        + "'s; the offer lapses " + show.map(known -> known.when(until)).orElse(until + " (UTC)") + ".");
        return Mail.of("ticket_offered", offered.getRecipientEmail(), giver + " wants to give you a ticket", body);
    }

    /**
     * Tickets another customer gave, whose show the organizer moved: the new time, that they stay valid, and each
     * ticket's calendar entry revised (its UID the ticket's, as in the mail that brought it; its sequence the
     * showtime's version).
     */
    public Mail receivedMoved(String to, List<ReceivedTickets.Received> tickets, Showtime moved, Optional<Shows.Show> show) {
        Optional<Shows.Show> movedShow = Emails.movedTo(show, moved.getStartsAt(), moved.hasEndsAt() ? moved.getEndsAt() : null,
                moved.getVersion());
        boolean one = tickets.size() == 1;
        MailBody body = new MailBody().show(movedShow)
                .paragraph("The organizer moved the show of " + (one ? "the ticket" : "the tickets") + " you were given: "
                        + Emails.nowStarts(movedShow, moved.getStartsAt()))
                .items(tickets.stream().map(ticket -> new MailBody.Item(ticket.place() + ", ticket " + ticket.ticketId(), null)).toList())
                .paragraph((one ? "It stays" : "They stay") + " valid for the new time. If you cannot come then, tell whoever gave "
                        + (one ? "it" : "them") + " to you: a refund goes to the card that paid, and only its buyer may ask for it.");
        List<Mail.Attachment> entries = tickets.stream().flatMap(ticket -> Emails.calendar("ticket-" + ticket.ticketId(), ticket.ticketId().toString(),
                "Ticket: " + ticket.place(), moved.getUpdatedAt(), movedShow).stream()).toList();
        return Mail.of("received_moved", to, one ? "New time for a ticket you were given" : "New time for tickets you were given", body,
                List.of(), entries).forAccount(tickets.getFirst().holder());
    }

    /** A reminder that the show of a ticket another customer gave is coming: when and where, the seat, and the code to show. */
    public Mail reminder(ShowReminders.Due due, Shows.Show show) {
        String giver = due.giverName().isBlank() ? "another customer" : due.giverName().strip();
        MailBody body = new MailBody().show(Optional.of(show))
                .paragraph("A reminder of the ticket " + giver + " gave you: the show starts " + show.when(show.startsAt()) + ".")
                .items(List.of(new MailBody.Item(due.place() + ", ticket " + due.id(), null)))
                .paragraph("Show its QR code at the door, from the email it came in. Your tickets: " + properties.appUrl() + "/tickets");
        return Mail.of("reminder", due.recipient(), "Coming up: " + show.headline(), body).forAccount(due.userId());
    }

    /** Tickets another customer gave, voided by the organizer: told to the address they were mailed to. */
    public Mail receivedVoided(String to, List<ReceivedTickets.Received> tickets, String reason, Optional<Shows.Show> show) {
        boolean one = tickets.size() == 1;
        List<MailBody.Item> items = tickets.stream().map(ticket -> new MailBody.Item(ticket.place() + ", ticket " + ticket.ticketId()
                + (ticket.giverName().isBlank() ? "" : ", from " + ticket.giverName().strip()), null)).toList();
        MailBody body = new MailBody().show(show).paragraph((one ? "The ticket" : "The tickets") + " you were given "
                        + (one ? "is" : "are") + " cancelled" + (reason.isBlank() ? "" : ": " + reason.strip().replaceAll("\\.$", "")) + ".")
                .items(items)
                .paragraph((one ? "Its code no longer admits." : "Their codes no longer admit.")
                        + " The refund goes to the card that paid for " + (one ? "it" : "them") + ", that of whoever bought "
                        + (one ? "it" : "them") + "; nothing was charged to you.");
        return Mail.of("received_voided", to, one ? "A ticket you were given is cancelled" : "Tickets you were given are cancelled", body)
                .forAccount(tickets.getFirst().holder());
    }
}
