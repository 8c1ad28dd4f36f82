package io.ticketmesh.workers.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingTotals;
import io.ticketmesh.proto.booking.v1.BoxOfficePayment;
import io.ticketmesh.proto.booking.v1.BoxOfficeSale;
import io.ticketmesh.proto.booking.v1.BookingCancelled;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.booking.v1.BookingRescheduled;
import io.ticketmesh.proto.booking.v1.TicketsResent;
import io.ticketmesh.proto.booking.v1.BookingFailed;
import io.ticketmesh.proto.booking.v1.BookingRefunded;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntry;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntryClosed;
import io.ticketmesh.proto.waitlist.v1.WaitlistOfferMade;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Emails are written whatever their event holds: an email that cannot be written would hold back every one behind it. */
class EmailsTest {
    private final Emails emails = new Emails(new MailProperties("tickets@example.test", "http://app.example.test"));

    @Test
    void amountsAreWrittenInTheCurrencysOwnUnits() {
        assertThat(Emails.amount(money(4950, "EUR"))).isEqualTo("49.50 EUR");
        assertThat(Emails.amount(money(4950, "JPY"))).isEqualTo("4950 JPY");
        assertThat(Emails.amount(money(4950, "XYZ1"))).isEqualTo("49.50 XYZ1");
        assertThat(Emails.amount(Money.getDefaultInstance())).isEqualTo("0.00");
    }

    @Test
    void aTicketWithoutAPayloadIsListedWithoutACode() {
        Mail mail = emails.tickets(BookingConfirmed.newBuilder().setCustomerEmail("ana@example.test").setBooking(Booking.newBuilder()
                .setReference("TM-AAAA-BBBB").addTickets(Ticket.newBuilder().setTicketId("t1").setSection("Floor"))
                .addTickets(Ticket.newBuilder().setTicketId("t2").setSection("Stalls").setRow("B").setSeatLabel("4").setQrPayload("TM1.k.c.s")))
                .build(), Set.of(), Optional.empty());
        assertThat(mail.images()).extracting(Mail.Image::filename).containsExactly("ticket-t2.png");
        assertThat(mail.images()).extracting(Mail.Image::contentId).containsExactly("qr-t2@ticketmesh");
        assertThat(mail.text()).contains("Floor, standing").contains("Stalls, row B, seat 4").contains("Nothing to pay");
        assertThat(mail.html()).as("each code drawn in place, once").containsOnlyOnce("<img").contains("src=\"cid:qr-t2@ticketmesh\"")
                .contains("Floor, standing").contains("Stalls, row B, seat 4");
    }

    @Test
    void aBookingWithAPromotionCodeSaysWhatItTookOff() {
        Booking.Builder booking = Booking.newBuilder().setReference("TM-AAAA-BBBB").setTotals(BookingTotals.newBuilder()
                .setTotal(money(8250, "EUR")).setDiscount(money(1800, "EUR")));
        assertThat(emails.tickets(BookingConfirmed.newBuilder().setBooking(booking.setPromoCode("SPRING-20")).build(), Set.of(), Optional.empty()).text())
                .contains("Paid: 82.50 EUR (code SPRING-20 took 18.00 EUR off)");
        assertThat(emails.tickets(BookingConfirmed.newBuilder().setBooking(booking.clearPromoCode()).build(), Set.of(), Optional.empty()).text())
                .contains("Paid: 82.50 EUR").doesNotContain("took");
        Booking.Builder free = Booking.newBuilder().setReference("TM-CCCC-DDDD").setPromoCode("COMP").setTotals(BookingTotals.newBuilder()
                .setTotal(money(0, "EUR")).setDiscount(money(9000, "EUR")));
        assertThat(emails.tickets(BookingConfirmed.newBuilder().setBooking(free).build(), Set.of(), Optional.empty()).text())
                .contains("Nothing to pay (code COMP took 90.00 EUR off)").doesNotContain("Paid");
        assertThat(emails.cancellation(BookingCancelled.newBuilder().setBooking(free).addSeatIds("s1").setRefunded(money(0, "EUR")).build(),
                Optional.empty()).text()).contains("no refund is due").doesNotContain("card").doesNotContain("refund policy");
    }

    @Test
    void aCancellationCloseToTheShowSaysWhatTheRefundPolicyKept() {
        Booking booking = Booking.newBuilder().setBookingId("b1").setReference("TM-GGGG-HHHH")
                .setTotals(BookingTotals.newBuilder().setTotal(money(9000, "EUR"))).build();
        String half = emails.cancellation(BookingCancelled.newBuilder().setBooking(booking).addSeatIds("s1").setRefunded(money(2250, "EUR"))
                .setWithheld(money(2250, "EUR")).setRefundPercent(50).build(), Optional.empty()).text();
        assertThat(half).contains("the organizer's refund policy gives back 50% of what they cost; it keeps 22.50 EUR.")
                .contains("Refunded: 22.50 EUR");
        String none = emails.cancellation(BookingCancelled.newBuilder().setBooking(booking).addSeatIds("s1").setRefunded(money(0, "EUR"))
                .setWithheld(money(4500, "EUR")).build(), Optional.empty()).text();
        assertThat(none).contains("gives back 0% of what they cost; it keeps 45.00 EUR.").contains("Nothing is refunded.")
                .doesNotContain("no refund is due");
    }

    @Test
    void aBookingsMailsAreForItsCustomersAccountButThoseOfASaleAtTheCounterForNone() {
        String customer = UUID.randomUUID().toString();
        Booking online = Booking.newBuilder().setBookingId("b1").setReference("TM-GGGG-HHHH").setUserId(customer)
                .setTotals(BookingTotals.newBuilder().setTotal(money(9000, "EUR"))).build();
        assertThat(emails.tickets(BookingConfirmed.newBuilder().setBooking(online).build(), Set.of(), Optional.empty()).account())
                .isEqualTo(UUID.fromString(customer));
        Booking counter = online.toBuilder().setBoxOffice(BoxOfficeSale.newBuilder().setPayment(BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH)
                .setCustomerName("Ana")).build();
        assertThat(emails.tickets(BookingConfirmed.newBuilder().setBooking(counter).build(), Set.of(), Optional.empty()).account())
                .as("its user is the staff member who sold it, not the buyer").isNull();
    }

    @Test
    void aBoxOfficeSaleSaysHowItWasPaidAndSendsTheBuyerToTheCounterNotToAnAccount() {
        Booking.Builder booking = Booking.newBuilder().setBookingId("b1").setReference("TM-EEEE-FFFF")
                .setTotals(BookingTotals.newBuilder().setTotal(money(9000, "EUR")))
                .setBoxOffice(BoxOfficeSale.newBuilder().setPayment(BoxOfficePayment.BOX_OFFICE_PAYMENT_CARD_TERMINAL).setCustomerName("Ana"));
        assertThat(emails.tickets(BookingConfirmed.newBuilder().setBooking(booking).build(), Set.of(), Optional.empty()).text())
                .contains("Paid at the box office (card terminal): 90.00 EUR")
                .contains("At the box office, give your booking's reference: TM-EEEE-FFFF").doesNotContain("/bookings/b1");
        assertThat(emails.cancellation(BookingCancelled.newBuilder().setBooking(booking).addSeatIds("s1").setRefunded(money(4500, "EUR"))
                .build(), Optional.empty()).text()).contains("Refunded: 45.00 EUR, handed back at the box office (card terminal).")
                .doesNotContain("to the card you paid with").doesNotContain("/bookings/b1");
        Booking owed = booking.build().toBuilder().setBoxOffice(booking.getBoxOffice().toBuilder().setRefundOwed(money(9000, "EUR"))).build();
        assertThat(emails.cancellation(BookingCancelled.newBuilder().setBooking(owed).addSeatIds("s1").setRefunded(money(9000, "EUR"))
                .build(), Optional.empty()).text()).as("the showtime cancelled: no one handed it back yet")
                .contains("Your refund of 90.00 EUR is waiting for you at the box office (card terminal): give them your booking's reference.")
                .contains("TM-EEEE-FFFF").doesNotContain("handed back");
        assertThat(emails.rescheduled(BookingRescheduled.newBuilder().setBooking(booking).setShowtimeVersion(3)
                .setStartsAt(com.google.protobuf.util.Timestamps.parseUnchecked("2027-06-19T17:30:00Z")).build(), Optional.empty()).text())
                .contains("the box office refunds your booking in full").contains("TM-EEEE-FFFF").doesNotContain("/bookings/b1");
    }

    @Test
    void aMovedShowIsToldAtItsNewTimeWithTheCalendarEntryRevised() {
        Shows.Show show = new Shows.Show("Hamlet", Instant.parse("2027-06-12T17:30:00Z"), null, "Europe/London", "Globe, London", 1);
        Mail mail = emails.rescheduled(BookingRescheduled.newBuilder().setCustomerEmail("ana@example.test").setShowtimeVersion(5)
                .setStartsAt(com.google.protobuf.util.Timestamps.parseUnchecked("2027-06-19T17:30:00Z"))
                .setBooking(Booking.newBuilder().setBookingId("b1").setReference("TM-AAAA-BBBB")).build(), Optional.of(show));
        assertThat(mail.kind()).isEqualTo("rescheduled");
        assertThat(mail.subject()).isEqualTo("New time: booking TM-AAAA-BBBB");
        assertThat(mail.text()).contains("Hamlet, Saturday 19 June 2027 at 18:30 (Europe/London)")
                .contains("it now starts Saturday 19 June 2027 at 18:30").contains("stay valid")
                .contains("cancel your booking for a full refund").contains("http://app.example.test/bookings/b1")
                .doesNotContain("12 June");
        assertThat(mail.attachments()).singleElement().satisfies(entry -> {
            assertThat(entry.filename()).isEqualTo("TM-AAAA-BBBB.ics");
            assertThat(new String(entry.content(), java.nio.charset.StandardCharsets.UTF_8)).contains("UID:b1@ticketmesh")
                    .contains("SEQUENCE:5").contains("DTSTART:20270619T173000Z");
        });
        assertThat(emails.rescheduled(BookingRescheduled.newBuilder().setStartsAt(com.google.protobuf.util.Timestamps.parseUnchecked(
                "2027-06-19T17:30:00Z")).build(), Optional.empty()).text()).as("the show unknown").contains("2027-06-19T17:30:00Z (UTC)");
    }

    @Test
    void ticketsSentAgainAreTheTicketsEmailSaidAsARepeat() {
        Shows.Show show = new Shows.Show("Hamlet", Instant.parse("2027-06-12T17:30:00Z"), null, "Europe/London", "Globe, London", 3);
        Mail mail = emails.resent(TicketsResent.newBuilder().setCustomerEmail("ana@example.test").setBooking(Booking.newBuilder()
                .setBookingId("b1").setReference("TM-AAAA-BBBB").addTickets(Ticket.newBuilder().setTicketId("t2").setSection("Stalls")
                        .setRow("B").setSeatLabel("4").setQrPayload("TM1.k.c.s"))).build(), Optional.of(show));
        assertThat(mail.to()).isEqualTo("ana@example.test");
        assertThat(mail.kind()).isEqualTo("tickets");
        assertThat(mail.subject()).isEqualTo("Your tickets again: booking TM-AAAA-BBBB");
        assertThat(mail.text()).contains("sent again as asked").contains("Stalls, row B, seat 4").doesNotContain("is confirmed");
        assertThat(mail.images()).extracting(Mail.Image::contentId).containsExactly("qr-t2@ticketmesh");
        assertThat(mail.attachments()).singleElement().satisfies(entry -> {
            assertThat(entry.filename()).isEqualTo("TM-AAAA-BBBB.ics");
            assertThat(new String(entry.content(), java.nio.charset.StandardCharsets.UTF_8)).as("the entry at the show's revision")
                    .contains("UID:b1@ticketmesh").contains("SEQUENCE:3");
        });
    }

    @Test
    void theHtmlSaysWhatTheTextSaysEscapedWithItsLinksLinked() {
        Shows.Show show = new Shows.Show("Romeo & <Juliet>", Instant.parse("2027-06-12T17:30:00Z"), null, "Europe/London", "The \"Old\" Vic, London", 1);
        Mail mail = emails.tickets(BookingConfirmed.newBuilder().setCustomerEmail("ana@example.test").setBooking(Booking.newBuilder()
                .setBookingId("b1").setReference("TM-AAAA-BBBB").addTickets(Ticket.newBuilder().setTicketId("t1").setSection("Pit <A>")
                        .setRow("C").setSeatLabel("9").setTier("Gold")).setTotals(BookingTotals.newBuilder().setTotal(money(4950, "EUR"))))
                .build(), Set.of(), Optional.of(show));
        assertThat(mail.text()).isEqualTo("""
                Romeo & <Juliet>, Saturday 12 June 2027 at 18:30 (Europe/London)
                The "Old" Vic, London

                Your booking TM-AAAA-BBBB is confirmed.

                - Pit <A>, row C, seat 9 (tier Gold), ticket t1

                Paid: 49.50 EUR

                Show each ticket's QR code at the door, from this email or its attachments. The code is signed, so it works even where the venue is offline.
                Your booking: http://app.example.test/bookings/b1
                """);
        assertThat(mail.html()).startsWith("<!doctype html>").contains("<title>Your tickets: booking TM-AAAA-BBBB</title>")
                .contains(">Romeo &amp; &lt;Juliet&gt;, Saturday 12 June 2027 at 18:30 (Europe/London)</h1>")
                .contains(">The &quot;Old&quot; Vic, London</p>").contains("Pit &lt;A&gt;, row C, seat 9 (tier Gold), ticket t1")
                .contains("Your booking: <a href=\"http://app.example.test/bookings/b1\">http://app.example.test/bookings/b1</a>")
                .doesNotContain("<A>").doesNotContain("<Juliet>").doesNotContain("<img");
    }

    @Test
    void aTicketLetGoBeforeTheMailIsNamedWithoutItsCodeNorInTheCalendarEntry() {
        Shows.Show show = new Shows.Show("Hamlet", Instant.parse("2027-06-12T17:30:00Z"), null, "Europe/London", "Globe Theatre, London", 1);
        Booking.Builder booking = Booking.newBuilder().setBookingId("b1").setReference("TM-AAAA-BBBB")
                .setTotals(BookingTotals.newBuilder().setTotal(money(9900, "EUR")));
        for (String seat : List.of("1", "2", "3")) {
            booking.addTickets(Ticket.newBuilder().setTicketId("t" + seat).setSection("Stalls").setRow("C").setSeatLabel(seat).setTier("A")
                    .setQrPayload("TM1.qr-test.t" + seat + ".signature"));
        }
        BookingConfirmed confirmed = BookingConfirmed.newBuilder().setCustomerEmail("ana@example.test").setBooking(booking).build();

        Mail mail = emails.tickets(confirmed, Set.of("t2"), Optional.of(show));

        assertThat(mail.text()).contains("""
                - Stalls, row C, seat 1 (tier A), ticket t1
                - Stalls, row C, seat 3 (tier A), ticket t3

                This ticket of the booking is no longer yours to use, so its code is not in this mail: it was given to someone else or cancelled.

                - Stalls, row C, seat 2 (tier A), ticket t2
                """);
        assertThat(mail.images()).extracting(Mail.Image::filename).containsExactly("ticket-t1.png", "ticket-t3.png");
        assertThat(new String(mail.attachments().getFirst().content(), StandardCharsets.UTF_8)).contains("seat 1\\; Stalls")
                .doesNotContain("seat 2");
        Mail noneHeld = emails.tickets(confirmed, Set.of("t1", "t2", "t3"), Optional.of(show));
        assertThat(noneHeld.text()).as("all let go").contains("Your booking TM-AAAA-BBBB is confirmed.\n\nThese tickets of the booking are "
                + "no longer yours to use").contains("ticket t1").contains("ticket t3").doesNotContain("QR code");
        assertThat(noneHeld.images()).isEmpty();
    }

    @Test
    void theTicketsEmailNamesTheShowInItsVenuesTimeWhenKnown() {
        Shows.Show hamlet = new Shows.Show("Hamlet", Instant.parse("2027-06-12T17:30:00Z"), null, "Europe/Berlin", "Globe Theatre, 21 New Globe Walk, London", 1);
        Mail mail = emails.tickets(BookingConfirmed.newBuilder().setCustomerEmail("ana@example.test")
                .setBooking(Booking.newBuilder().setReference("TM-AAAA-BBBB")).build(), Set.of(), Optional.of(hamlet));
        assertThat(mail.text()).startsWith("Hamlet, Saturday 12 June 2027 at 19:30 (Europe/Berlin)\nGlobe Theatre, 21 New Globe Walk, London\n\n"
                + "Your booking TM-AAAA-BBBB");
        assertThat(mail.attachments()).singleElement().satisfies(entry -> {
            assertThat(entry.filename()).isEqualTo("TM-AAAA-BBBB.ics");
            assertThat(entry.contentType()).startsWith("text/calendar");
            assertThat(new String(entry.content(), StandardCharsets.UTF_8)).contains("SUMMARY:Hamlet\r\n")
                    .contains("DTSTART:20270612T173000Z\r\n");
        });
        assertThat(emails.tickets(BookingConfirmed.newBuilder().setBooking(Booking.newBuilder().setReference("TM-CCCC-DDDD")).build(),
                Set.of(), Optional.empty()).attachments()).as("no calendar entry for a show event-service could not name").isEmpty();
        assertThat(new Shows.Show("Hamlet", Instant.parse("2027-06-12T17:30:00Z"), null, "Nowhere/City", "", 1).describe())
                .isEqualTo("Hamlet, Saturday 12 June 2027 at 17:30 (UTC)");
        assertThat(Shows.Show.where(Venue.newBuilder().setName("Globe Theatre").setAddress("21 New Globe Walk").setCity("London").build()))
                .isEqualTo("Globe Theatre, 21 New Globe Walk, London");
        assertThat(Shows.Show.where(Venue.newBuilder().setName("Tiny Room").setCity("Leeds").build())).as("no address").isEqualTo("Tiny Room, Leeds");
    }

    @Test
    void waitlistEmailsNameTheShowWhenKnown() {
        Shows.Show hamlet = new Shows.Show("Hamlet", Instant.parse("2027-06-12T17:30:00Z"), null, "Europe/Berlin", "", 1);
        Mail closed = emails.waitlistClosed(WaitlistEntryClosed.newBuilder().setCustomerEmail("ben@example.test").setReason("sales have ended")
                .setEntry(WaitlistEntry.newBuilder().setQuantity(1)).build(), Optional.of(hamlet));
        assertThat(closed.text()).isEqualTo("Hamlet, Saturday 12 June 2027 at 19:30 (Europe/Berlin)\n\n"
                + "The waitlist you joined for 1 seat has closed: sales have ended. No seats will be offered from it, and nothing was charged.\n");
        Mail closedOffer = emails.waitlistClosed(WaitlistEntryClosed.newBuilder().setCustomerEmail("ben@example.test")
                .setReason("the showtime is cancelled").setEntry(WaitlistEntry.newBuilder().setQuantity(2).setHoldId("h1")).build(), Optional.empty());
        assertThat(closedOffer.text()).isEqualTo("The waitlist you joined for 2 seats has closed: the showtime is cancelled. The seats held"
                + " for you from it can no longer be booked. No seats will be offered from it, and nothing was charged.\n");
        Mail offer = emails.waitlistOffer(WaitlistOfferMade.newBuilder().setCustomerEmail("ben@example.test")
                .setEntry(WaitlistEntry.newBuilder().setHoldId("h1")).addSeatIds("s1").build(), Optional.empty());
        assertThat(offer.text()).startsWith("Seats you were waiting for are free: 1 seat is held for you until");
        Mail offerNamed = emails.waitlistOffer(WaitlistOfferMade.newBuilder().setCustomerEmail("ben@example.test")
                .setEntry(WaitlistEntry.newBuilder().setHoldId("h1").setOfferExpiresAt(Timestamp.newBuilder().setSeconds(
                        Instant.parse("2027-06-10T09:05:00Z").getEpochSecond()))).addSeatIds("s1").addSeatIds("s2").build(), Optional.of(hamlet));
        assertThat(offerNamed.text()).as("the offer's end on the venue's clocks").isEqualTo("Hamlet, Saturday 12 June 2027 at 19:30 (Europe/Berlin)\n\n"
                + "Seats you were waiting for are free: 2 seats are held for you until 11:05 (Europe/Berlin).\n\n"
                + "Book them before then: http://app.example.test/holds/h1\nAfter that they go to the next person on the list.\n");
    }

    @Test
    void aFailedBookingSaysWhyInBookingServicesWordsAndThatNothingWasCharged() {
        Mail declined = emails.failed(BookingFailed.newBuilder().setCustomerEmail("ana@example.test").setBooking(Booking.newBuilder()
                .setBookingId("b1").setReference("TM-AAAA-BBBB").setFailureCode("PAYMENT_DECLINED").setFailureMessage("The card was declined."))
                .build(), Optional.empty());
        assertThat(declined.subject()).isEqualTo("Not booked: booking TM-AAAA-BBBB");
        assertThat(declined.text()).isEqualTo("Your booking TM-AAAA-BBBB did not go through: The card was declined.\n\n"
                + "Nothing was charged: any amount your bank shows as reserved for it is released, and your hold on the seats has ended.\n"
                + "Your booking: http://app.example.test/bookings/b1\n");
        Mail late = emails.failed(BookingFailed.newBuilder().setCustomerEmail("ana@example.test").setBooking(Booking.newBuilder()
                .setReference("TM-CCCC-DDDD").setFailureCode("HOLD_EXPIRED")).build(), Optional.empty());
        assertThat(late.text()).as("the code when there are no words").startsWith("Your booking TM-CCCC-DDDD did not go through: HOLD_EXPIRED.\n");
    }

    @Test
    void anOrganizersRefundWithoutCancellingSaysHowMuchWhyAndWhereItWent() {
        Booking.Builder booking = Booking.newBuilder().setBookingId("b1").setReference("TM-AAAA-BBBB");
        Mail online = emails.refunded(BookingRefunded.newBuilder().setCustomerEmail("ana@example.test").setBooking(booking)
                .setRefunded(money(1000, "EUR")).setReason("The show started an hour late.").build(), Optional.empty());
        assertThat(online.subject()).isEqualTo("Refund: booking TM-AAAA-BBBB");
        assertThat(online.text()).startsWith("The organizer refunded part of your booking TM-AAAA-BBBB: The show started an hour late.\n")
                .contains("Refunded: 10.00 EUR to the card you paid with").contains("Your tickets stay valid")
                .contains("http://app.example.test/bookings/b1");
        Mail counter = emails.refunded(BookingRefunded.newBuilder().setCustomerEmail("ana@example.test").setBooking(booking
                .setBoxOffice(BoxOfficeSale.newBuilder().setPayment(BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH))).setRefunded(money(1000, "EUR"))
                .build(), Optional.empty());
        assertThat(counter.text()).startsWith("The organizer refunded part of your booking TM-AAAA-BBBB.\n")
                .contains("Refunded: 10.00 EUR, handed back at the box office (cash).");
    }

    @Test
    void aReminderTellsWhenTheShowStartsAndHowToGetIn() {
        Shows.Show show = new Shows.Show("Hamlet", Instant.parse("2027-06-12T17:30:00Z"), null, "Europe/London", "Globe, London", 1);
        UUID bookingId = UUID.randomUUID();
        UUID ana = UUID.randomUUID();
        ShowReminders.Due online = new ShowReminders.Due(bookingId, false, "s1", "ana@example.test", "TM-AAAA-BBBB", false, "", "",
                show.startsAt(), show.startsAt().minusSeconds(86_400), ana);
        Mail mail = emails.reminder(online, show);
        assertThat(mail.to()).isEqualTo("ana@example.test");
        assertThat(mail.account()).isEqualTo(ana);
        assertThat(mail.subject()).isEqualTo("Coming up: Hamlet, Saturday 12 June 2027 at 18:30 (Europe/London)");
        assertThat(mail.text()).contains("A reminder of your booking TM-AAAA-BBBB: the show starts Saturday 12 June 2027 at 18:30 "
                + "(Europe/London).").contains("QR code").contains("http://app.example.test/bookings/" + bookingId);
        ShowReminders.Due atTheCounter = new ShowReminders.Due(bookingId, false, "s1", "ana@example.test", "TM-AAAA-BBBB", true, "", "",
                show.startsAt(), show.startsAt(), null);
        assertThat(emails.reminder(atTheCounter, show).text()).as("a box office sale's tickets were handed over")
                .contains("Bring the tickets the box office gave you").doesNotContain("/bookings/");

        UUID ticketId = UUID.randomUUID();
        UUID bo = UUID.randomUUID();
        ShowReminders.Due given = new ShowReminders.Due(ticketId, true, "s1", "bo@example.test", "", false, "Stalls, row B, seat 4",
                "Grace <Hopper>", show.startsAt(), show.startsAt(), bo);
        Mail received = new ReceivedTicketEmails(new MailProperties("tickets@example.test", "http://app.example.test")).reminder(given, show);
        assertThat(received.to()).isEqualTo("bo@example.test");
        assertThat(received.account()).isEqualTo(bo);
        assertThat(received.subject()).isEqualTo(mail.subject());
        assertThat(received.text()).contains("A reminder of the ticket Grace <Hopper> gave you: the show starts Saturday 12 June 2027")
                .contains("Stalls, row B, seat 4, ticket " + ticketId).contains("http://app.example.test/tickets");
        assertThat(received.html()).as("the giver's name escaped").contains("Grace &lt;Hopper&gt;");
    }

    private static Money money(long minor, String currency) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency(currency).build();
    }
}
