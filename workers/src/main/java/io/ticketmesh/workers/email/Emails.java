package io.ticketmesh.workers.email;

import com.google.protobuf.Timestamp;
import io.ticketmesh.platform.display.Wording;
import io.ticketmesh.platform.qr.QrImages;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingCancelled;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.booking.v1.BookingFailed;
import io.ticketmesh.proto.booking.v1.BookingRefunded;
import io.ticketmesh.proto.booking.v1.BookingRescheduled;
import io.ticketmesh.proto.booking.v1.TicketsResent;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntryClosed;
import io.ticketmesh.proto.waitlist.v1.WaitlistOfferMade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What each booking email says: the tickets of a confirmed booking (a QR code each), why a booking did not go through,
 * a cancellation's refund (and what the organizer's refund policy kept of it), an organizer's refund of part of a
 * booking, a moved show's new time, a reminder before the show, a waitlist offer, a waitlist closed, each under the
 * show's name, time and place when event-service could say them (tickets received from others:
 * {@link ReceivedTicketEmails}). Whatever the event holds, an email is written (a ticket without a payload gets no
 * code).
 */
@Component
public class Emails {
    /** Wide enough for a phone held to a scanner, small enough for a mailbox. */
    static final int QR_PIXELS = 320;
    static final String SHOW_THE_CODE = "Show each ticket's QR code at the door, from this email or its attachments."
            + " The code is signed, so it works even where the venue is offline.";
    private final MailProperties properties;

    public Emails(MailProperties properties) {
        this.properties = properties;
    }

    /**
     * The tickets email; {@code show} names the showtime when event-service could say what it is. A ticket in
     * {@code letGo} (given away or voided before the confirmation was read) is named without its code.
     */
    public Mail tickets(BookingConfirmed confirmed, Set<String> letGo, Optional<Shows.Show> show) {
        Booking booking = confirmed.getBooking();
        return tickets(booking, letGo, confirmed.getCustomerEmail(), confirmed.getMetadata().getOccurredAt(),
                "Your tickets: booking " + booking.getReference(), "Your booking " + booking.getReference() + " is confirmed.", show);
    }

    /** The tickets email again, as the customer (or an organizer for them) asked, with the tickets still valid. */
    public Mail resent(TicketsResent resent, Optional<Shows.Show> show) {
        Booking booking = resent.getBooking();
        return tickets(booking, Set.of(), resent.getCustomerEmail(), resent.getMetadata().getOccurredAt(),
                "Your tickets again: booking " + booking.getReference(),
                "Your tickets for booking " + booking.getReference() + ", sent again as asked. Any sent before stay valid.", show);
    }

    private Mail tickets(Booking booking, Set<String> letGo, String to, Timestamp occurredAt, String subject, String opening,
                         Optional<Shows.Show> show) {
        List<Mail.Image> codes = new ArrayList<>();
        Map<Boolean, List<Ticket>> held = booking.getTicketsList().stream()
                .collect(Collectors.partitioningBy(ticket -> !letGo.contains(ticket.getTicketId())));
        List<MailBody.Item> tickets = held.get(true).stream().map(ticket -> item(ticket, codes)).toList();
        MailBody body = new MailBody().show(show).paragraph(opening).items(tickets);
        if (!held.get(false).isEmpty()) {
            body.paragraph(held.get(false).size() == 1 ? "This ticket of the booking is no longer yours to use, so its code is not in "
                    + "this mail: it was given to someone else or cancelled." : "These tickets of the booking are no longer yours to use, "
                    + "so their codes are not in this mail: they were given to someone else or cancelled.")
                    .items(held.get(false).stream().map(ticket -> new MailBody.Item(line(ticket), null)).toList());
        }
        body.paragraph(paid(booking));
        if (tickets.isEmpty() && !booking.getTicketsList().isEmpty()) {
            body.paragraph(yourBooking(booking));
        } else {
            body.paragraph(SHOW_THE_CODE, yourBooking(booking));
        }
        return Mail.of("tickets", to, subject, body, codes, calendar(booking, held.get(true), occurredAt, show))
                .forAccount(customerOf(booking));
    }

    /** The account a booking's mails are for: its customer's; none for a sale at the box office (its user is the seller). */
    private static String customerOf(Booking booking) {
        return booking.hasBoxOffice() ? "" : booking.getUserId();
    }

    /** What the booking cost (nothing, when its seats were free), and what its promotion code took off. */
    private static String paid(Booking booking) {
        String paid = booking.getTotals().getTotal().getAmountMinor() == 0 ? "Nothing to pay"
                : (booking.hasBoxOffice() ? "Paid at the box office (" + boxOfficePayment(booking) + "): " : "Paid: ")
                + amount(booking.getTotals().getTotal());
        if (booking.getPromoCode().isEmpty()) {
            return paid;
        }
        return paid + " (code " + booking.getPromoCode() + " took " + amount(booking.getTotals().getDiscount()) + " off)";
    }

    /** How a box office sale was paid, as the mails say it: "cash", "card terminal". */
    private static String boxOfficePayment(Booking booking) {
        return booking.getBoxOffice().getPayment().name().substring("BOX_OFFICE_PAYMENT_".length()).toLowerCase().replace('_', ' ');
    }

    /**
     * The show at the time the event says it was moved to, as of the showtime's {@code version} then (the show read
     * from event-service may already be at a later revision).
     */
    static Optional<Shows.Show> movedTo(Optional<Shows.Show> show, Timestamp startsAt, Timestamp endsAt, long version) {
        return show.map(known -> known.movedTo(Instant.ofEpochSecond(startsAt.getSeconds()),
                endsAt == null ? null : Instant.ofEpochSecond(endsAt.getSeconds()), version));
    }

    /** "it now starts Saturday 19 June 2027 at 18:30 (Europe/London)."; in UTC when the show is not known. */
    static String nowStarts(Optional<Shows.Show> moved, Timestamp startsAt) {
        Instant start = Instant.ofEpochSecond(startsAt.getSeconds());
        return "it now starts " + moved.map(known -> known.when(start)).orElse(start + " (UTC)") + ".";
    }

    /** The ticket as a line of the mail, with its QR code added to {@code codes} when it has one. */
    static MailBody.Item item(Ticket ticket, List<Mail.Image> codes) {
        String contentId = null;
        if (!ticket.getQrPayload().isEmpty()) {
            contentId = "qr-" + ticket.getTicketId() + "@ticketmesh";
            codes.add(new Mail.Image(contentId, "ticket-" + ticket.getTicketId() + ".png", QrImages.png(ticket.getQrPayload(), QR_PIXELS)));
        }
        return new MailBody.Item(line(ticket), contentId);
    }

    /** "Stalls, row R1, seat 7 (tier A), ticket <id>". */
    private static String line(Ticket ticket) {
        return Wording.place(ticket) + " (tier " + ticket.getTier() + "), ticket " + ticket.getTicketId();
    }

    /** The show as a calendar entry named after the booking and the places of the tickets it holds, when the show is known. */
    private static List<Mail.Attachment> calendar(Booking booking, List<Ticket> held, Timestamp occurredAt, Optional<Shows.Show> show) {
        String places = held.stream().map(Wording::place).collect(Collectors.joining("; "));
        return calendar(booking.getReference(), booking.getBookingId(), "Booking " + booking.getReference() + ": " + places,
                occurredAt, show);
    }

    /**
     * The show as a calendar entry ({@code <name>.ics}, whose UID is {@code <id>@ticketmesh} and whose sequence is the
     * showtime's version, so a copy of a later revision replaces an earlier one), when the show is known.
     */
    static List<Mail.Attachment> calendar(String name, String id, String description, Timestamp occurredAt, Optional<Shows.Show> show) {
        return show.map(known -> new Mail.Attachment(name + ".ics", CalendarEntry.CONTENT_TYPE, CalendarEntry.of(id + "@ticketmesh",
                known, description, Instant.ofEpochSecond(occurredAt.getSeconds())))).stream().toList();
    }

    /**
     * The organizer moved a booking's show: the new time (the event's), that the tickets stay valid, that the booking
     * may be cancelled for a refund until the new start, and the calendar entry of the tickets mail updated (its
     * sequence the showtime's version).
     */
    public Mail rescheduled(BookingRescheduled moved, Optional<Shows.Show> show) {
        Booking booking = moved.getBooking();
        Optional<Shows.Show> movedShow = movedTo(show, moved.getStartsAt(), moved.hasEndsAt() ? moved.getEndsAt() : null,
                moved.getShowtimeVersion());
        MailBody body = new MailBody().show(movedShow)
                .paragraph("The organizer moved the show of your booking " + booking.getReference() + ": " + nowStarts(movedShow, moved.getStartsAt()))
                .paragraph("Your tickets stay valid for the new time; there is nothing you need to do.",
                        booking.hasBoxOffice() ? "If you cannot come then, the box office refunds your booking in full until the show "
                                + "starts: give them its reference, " + booking.getReference() + "."
                                : "If you cannot come then, you may cancel your booking for a full refund until the show starts: "
                                + bookingUrl(booking.getBookingId()));
        List<Mail.Attachment> entry = calendar(booking.getReference(), booking.getBookingId(), "Booking " + booking.getReference()
                + " (moved)", moved.getMetadata().getOccurredAt(), movedShow);
        return Mail.of("rescheduled", moved.getCustomerEmail(), "New time: booking " + booking.getReference(), body, List.of(), entry)
                .forAccount(customerOf(booking));
    }

    /**
     * A reminder that the booking's show is coming: when and where as event-service has them now, and how to get in
     * (the codes of the tickets mail, or for a box office sale the tickets the counter gave).
     */
    public Mail reminder(ShowReminders.Due due, Shows.Show show) {
        MailBody body = new MailBody().show(Optional.of(show))
                .paragraph("A reminder of your booking " + due.reference() + ": the show starts " + show.when(show.startsAt()) + ".")
                .paragraph(due.boxOffice() ? "Bring the tickets the box office gave you; if you lost them, give your booking's reference "
                                + "there: " + due.reference()
                                : "Show each ticket's QR code at the door, from the email your tickets came in. Your booking: "
                                + bookingUrl(due.id().toString()));
        return Mail.of("reminder", due.recipient(), "Coming up: " + show.headline(), body).forAccount(due.userId());
    }

    /**
     * A booking that did not go through: why, in booking-service's words, and that nothing was charged. The customer
     * may not have been there for the answer (a 3-D Secure challenge completed after the seats' hold ran out, or never).
     */
    public Mail failed(BookingFailed failed, Optional<Shows.Show> show) {
        Booking booking = failed.getBooking();
        String why = booking.getFailureMessage().isBlank() ? booking.getFailureCode() : booking.getFailureMessage();
        MailBody body = new MailBody().show(show)
                .paragraph("Your booking " + booking.getReference() + " did not go through: " + why.strip().replaceAll("\\.$", "") + ".")
                .paragraph("Nothing was charged: any amount your bank shows as reserved for it is released,"
                                + " and your hold on the seats has ended.",
                        yourBooking(booking));
        return Mail.of("booking_failed", failed.getCustomerEmail(), "Not booked: booking " + booking.getReference(), body)
                .forAccount(customerOf(booking));
    }

    public Mail cancellation(BookingCancelled cancelled, Optional<Shows.Show> show) {
        Booking booking = cancelled.getBooking();
        boolean withheld = cancelled.getWithheld().getAmountMinor() > 0;
        String refund = cancelled.getRefunded().getAmountMinor() == 0
                ? withheld ? "Nothing is refunded." : "Nothing was paid for them, so no refund is due."
                : booking.getBoxOffice().hasRefundOwed() ? "Your refund of " + amount(cancelled.getRefunded())
                + " is waiting for you at the box office (" + boxOfficePayment(booking) + "): give them your booking's reference."
                : refundWent(booking, cancelled.getRefunded());
        MailBody body = new MailBody().show(show).paragraph("Your booking " + booking.getReference() + ": " + cancelled.getSeatIdsCount()
                        + (cancelled.getSeatIdsCount() == 1 ? " seat is" : " seats are") + " cancelled and their tickets void.");
        if (withheld) {
            body.paragraph("This close to the show the organizer's refund policy gives back " + cancelled.getRefundPercent()
                    + "% of what they cost; it keeps " + amount(cancelled.getWithheld()) + ".");
        }
        body.paragraph(refund, yourBooking(booking));
        return Mail.of("cancellation", cancelled.getCustomerEmail(), "Cancelled: booking " + booking.getReference(), body)
                .forAccount(customerOf(booking));
    }

    /** The organizer refunded part of a booking without cancelling a seat: how much, why, and that the tickets stay valid. */
    public Mail refunded(BookingRefunded refunded, Optional<Shows.Show> show) {
        Booking booking = refunded.getBooking();
        String why = refunded.getReason().isBlank() ? "" : ": " + refunded.getReason().strip().replaceAll("\\.$", "");
        MailBody body = new MailBody().show(show)
                .paragraph("The organizer refunded part of your booking " + booking.getReference() + why + ".")
                .paragraph(refundWent(booking, refunded.getRefunded()), "Your tickets stay valid; there is nothing you need to do.",
                        yourBooking(booking));
        return Mail.of("refund", refunded.getCustomerEmail(), "Refund: booking " + booking.getReference(), body)
                .forAccount(customerOf(booking));
    }

    /** Where a refund carried out went: back to the card, or handed back at the box office the way it was paid. */
    private static String refundWent(Booking booking, Money refunded) {
        return booking.hasBoxOffice() ? "Refunded: " + amount(refunded) + ", handed back at the box office (" + boxOfficePayment(booking) + ")."
                : "Refunded: " + amount(refunded) + " to the card you paid with; banks take a few days to show it.";
    }

    public Mail waitlistOffer(WaitlistOfferMade offer, Optional<Shows.Show> show) {
        var entry = offer.getEntry();
        Instant until = Instant.ofEpochSecond(entry.getOfferExpiresAt().getSeconds());
        MailBody body = new MailBody().show(show).paragraph("Seats you were waiting for are free: " + offer.getSeatIdsCount()
                        + (offer.getSeatIdsCount() == 1 ? " seat is" : " seats are") + " held for you until "
                        + show.map(known -> known.clock(until)).orElse(until + " (UTC)") + ".")
                .paragraph("Book them before then: " + properties.appUrl() + "/holds/" + entry.getHoldId(),
                        "After that they go to the next person on the list.");
        return Mail.of("waitlist_offer", offer.getCustomerEmail(), "Seats are held for you", body).forAccount(entry.getUserId());
    }

    public Mail waitlistClosed(WaitlistEntryClosed closed, Optional<Shows.Show> show) {
        int quantity = closed.getEntry().getQuantity();
        String offered = closed.getEntry().getHoldId().isEmpty() ? ""
                : " The " + (quantity == 1 ? "seat" : "seats") + " held for you from it can no longer be booked.";
        MailBody body = new MailBody().show(show).paragraph("The waitlist you joined for " + quantity + (quantity == 1 ? " seat" : " seats")
                + " has closed: " + closed.getReason() + "." + offered + " No seats will be offered from it, and nothing was charged.");
        return Mail.of("waitlist_closed", closed.getCustomerEmail(), "Your waitlist has closed", body)
                .forAccount(closed.getEntry().getUserId());
    }

    /**
     * Where the customer finds their booking: its page, or for a box office sale (sold by the staff, the buyer without
     * an account of theirs) its reference to give at the box office.
     */
    private String yourBooking(Booking booking) {
        return booking.hasBoxOffice() ? "At the box office, give your booking's reference: " + booking.getReference()
                : "Your booking: " + bookingUrl(booking.getBookingId());
    }

    private String bookingUrl(String bookingId) {
        return properties.appUrl() + "/bookings/" + bookingId;
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
