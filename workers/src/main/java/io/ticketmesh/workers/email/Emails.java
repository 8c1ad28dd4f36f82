package io.ticketmesh.workers.email;

import io.ticketmesh.platform.qr.QrImages;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingCancelled;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntryClosed;
import io.ticketmesh.proto.waitlist.v1.WaitlistOfferMade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What each email says: the tickets of a confirmed booking (a QR code each), a cancellation's refund, a waitlist offer,
 * a waitlist closed.
 * Whatever the event holds, an email is written (a ticket without a payload gets no attachment).
 */
@Component
public class Emails {
    /** Wide enough for a phone held to a scanner, small enough for a mailbox. */
    static final int QR_PIXELS = 320;
    private final MailProperties properties;

    public Emails(MailProperties properties) {
        this.properties = properties;
    }

    /** The tickets email; {@code show} names the showtime when event-service could say what it is. */
    public Mail tickets(BookingConfirmed confirmed, Optional<Shows.Show> show) {
        Booking booking = confirmed.getBooking();
        StringBuilder text = new StringBuilder(named(show));
        text.append("Your booking ").append(booking.getReference()).append(" is confirmed.\n\n");
        for (Ticket ticket : booking.getTicketsList()) {
            text.append("- ").append(place(ticket)).append(" (tier ").append(ticket.getTier()).append("), ticket ")
                    .append(ticket.getTicketId()).append('\n');
        }
        text.append("\nPaid: ").append(amount(booking.getTotals().getTotal())).append("\n\n")
                .append("Each ticket's QR code is attached; show it at the door. The code is signed, so it works even where the venue is offline.\n")
                .append("Your booking: ").append(properties.appUrl()).append("/bookings/").append(booking.getBookingId()).append('\n');
        List<Mail.Attachment> codes = booking.getTicketsList().stream().filter(ticket -> !ticket.getQrPayload().isEmpty())
                .map(ticket -> new Mail.Attachment("ticket-" + ticket.getTicketId() + ".png", "image/png",
                        QrImages.png(ticket.getQrPayload(), QR_PIXELS))).toList();
        return new Mail("tickets", confirmed.getCustomerEmail(), "Your tickets: booking " + booking.getReference(), text.toString(), codes);
    }

    public Mail cancellation(BookingCancelled cancelled) {
        Booking booking = cancelled.getBooking();
        String text = "Your booking " + booking.getReference() + ": " + cancelled.getSeatIdsCount()
                + (cancelled.getSeatIdsCount() == 1 ? " seat is" : " seats are") + " cancelled and their tickets void.\n\n"
                + "Refunded: " + amount(cancelled.getRefunded()) + " to the card you paid with; banks take a few days to show it.\n"
                + "Your booking: " + properties.appUrl() + "/bookings/" + booking.getBookingId() + "\n";
        return new Mail("cancellation", cancelled.getCustomerEmail(), "Cancelled: booking " + booking.getReference(), text, List.of());
    }

    public Mail waitlistOffer(WaitlistOfferMade offer, Optional<Shows.Show> show) {
        var entry = offer.getEntry();
        Instant until = Instant.ofEpochSecond(entry.getOfferExpiresAt().getSeconds());
        String text = named(show) + "Seats you were waiting for are free: " + offer.getSeatIdsCount()
                + (offer.getSeatIdsCount() == 1 ? " seat is" : " seats are") + " held for you until " + until + " (UTC).\n\n"
                + "Book them before then: " + properties.appUrl() + "/holds/" + entry.getHoldId() + "\n"
                + "After that they go to the next person on the list.\n";
        return new Mail("waitlist_offer", offer.getCustomerEmail(), "Seats are held for you", text, List.of());
    }

    public Mail waitlistClosed(WaitlistEntryClosed closed, Optional<Shows.Show> show) {
        int quantity = closed.getEntry().getQuantity();
        String offered = closed.getEntry().getHoldId().isEmpty() ? ""
                : " The " + (quantity == 1 ? "seat" : "seats") + " held for you from it can no longer be booked.";
        String text = named(show) + "The waitlist you joined for " + quantity + (quantity == 1 ? " seat" : " seats") + " has closed: "
                + closed.getReason() + "." + offered + " No seats will be offered from it, and nothing was charged.\n";
        return new Mail("waitlist_closed", closed.getCustomerEmail(), "Your waitlist has closed", text, List.of());
    }

    /** The show's name and time as an email's first line, when event-service could say. */
    private static String named(Optional<Shows.Show> show) {
        return show.map(known -> known.describe() + "\n\n").orElse("");
    }

    private static String place(Ticket ticket) {
        return ticket.getRow().isEmpty() ? ticket.getSection() + ", standing"
                : ticket.getSection() + ", row " + ticket.getRow() + ", seat " + ticket.getSeatLabel();
    }

    /**
     * "49.50 EUR": minor units as the currency counts them (two digits for a code the JDK does not know). An email
     * must never fail to be written: its event would be retried for ever and hold back the mails behind it.
     */
    static String amount(Money money) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(money.getCurrency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            digits = 2;
        }
        return (BigDecimal.valueOf(money.getAmountMinor(), digits).toPlainString() + " " + money.getCurrency()).trim();
    }
}
