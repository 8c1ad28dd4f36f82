package io.ticketmesh.workers;

import static io.ticketmesh.workers.TestMails.awaitMail;
import static io.ticketmesh.workers.TestMails.confirmed;
import static io.ticketmesh.workers.TestMails.decode;
import static io.ticketmesh.workers.TestMails.mailsTo;
import static io.ticketmesh.workers.TestMails.metadata;
import static io.ticketmesh.workers.TestMails.ticket;
import static io.ticketmesh.workers.TestMails.transferred;
import static io.ticketmesh.workers.persistence.jooq.Tables.SHOW_REMINDERS;
import static io.ticketmesh.workers.persistence.jooq.Tables.TICKETS_LET_GO;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import io.ticketmesh.embedded.ReceivedMail;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingCancelled;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.booking.v1.BookingRescheduled;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import io.ticketmesh.proto.ticket.v1.TicketsVoided;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A booking's customer, and whoever holds a ticket received from another, is mailed a reminder a day before the show
 * (workers' default lead), read back from the test SMTP server: once however often the confirmation arrives, again at
 * the new time when the show moves, once event-service can say a show it could not when the booking came, and never
 * for a show closer than that when booked, a booking cancelled whole, an account closed, a customer who holds none of
 * the booking's tickets any more, a ticket given on or voided (nor are such tickets' codes in the tickets mail when let
 * go before it).
 */
class ShowRemindersTest extends WorkersTestBase {
    private static final String REMINDER = "Coming up: ";
    @Autowired
    DSLContext dsl;
    @Value("${ticketmesh.mail.reminders.lead}")
    Duration lead;

    @Test
    void theCustomerIsRemindedOnceBeforeTheShowAndAgainForItsNewTimeWhenItMoves() throws Exception {
        Showtime showtime = showtimeStartingIn(lead.plusSeconds(3));
        String email = "rita-" + UUID.randomUUID() + "@example.test";
        BookingConfirmed confirmed = confirmed(email, "TM-REMI-0001", List.of(ticket("R1", "7")), showtime.getShowtimeId());
        Booking booking = confirmed.getBooking();
        KafkaTestEvents.send("ticketmesh.bookings", booking.getBookingId(), confirmed);
        KafkaTestEvents.send("ticketmesh.bookings", booking.getBookingId(), confirmed);

        ReceivedMail reminder = awaitMail(email, m -> m.subject().startsWith(REMINDER));
        assertThat(reminder.subject()).startsWith(REMINDER + "Hamlet, ").endsWith("(Europe/London)");
        assertThat(reminder.body()).contains("A reminder of your booking TM-REMI-0001: the show starts ")
                .contains("Globe Theatre, 21 New Globe Walk, London").contains("/bookings/" + booking.getBookingId());
        Thread.sleep(1_500);
        assertThat(reminders(email)).as("once, however often the confirmation arrives").hasSize(1);

        Instant newStart = Instant.now().plus(lead).plusSeconds(8);
        FakeCatalog.put(showtime.toBuilder().setVersion(2).setStartsAt(Timestamps.fromSeconds(newStart.getEpochSecond())).build(), "Hamlet");
        KafkaTestEvents.send("ticketmesh.bookings", booking.getBookingId(), BookingRescheduled.newBuilder().setMetadata(metadata(booking.getBookingId()))
                .setBooking(booking).setCustomerEmail(email).setStartsAt(Timestamps.fromSeconds(newStart.getEpochSecond()))
                .setShowtimeVersion(2).build());
        awaitMail(email, m -> m.subject().startsWith("New time"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (reminders(email).size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(reminders(email)).as("reminded again, of the new time").hasSize(2)
                .allSatisfy(m -> assertThat(m.body()).contains("A reminder of your booking TM-REMI-0001"));
    }

    @Test
    void aBookingConfirmedWhileTheCatalogCouldNotSayItsShowIsRemindedOnceItCan() throws Exception {
        Showtime unknown = Showtime.newBuilder().setShowtimeId(UUID.randomUUID().toString()).setEventId(UUID.randomUUID().toString())
                .setVenueId(UUID.randomUUID().toString()).setTimezone("Europe/London").setVersion(1)
                .setStartsAt(Timestamps.fromSeconds(Instant.now().plus(lead).plusSeconds(12).getEpochSecond())).build();
        String email = "wes-" + UUID.randomUUID() + "@example.test";
        book(email, "TM-KNOW-0001", unknown.getShowtimeId());
        Thread.sleep(1_500);
        assertThat(reminders(email)).as("not before the show is known").isEmpty();

        FakeCatalog.put(unknown, "Hamlet");
        assertThat(awaitMail(email, m -> m.subject().startsWith(REMINDER)).body()).contains("A reminder of your booking TM-KNOW-0001");
        Thread.sleep(1_500);
        assertThat(reminders(email)).hasSize(1);
    }

    @Test
    void noReminderForAShowThatCloseWhenBookedNorABookingCancelledWholeNorAClosedAccount() throws Exception {
        String soonEmail = "sam-" + UUID.randomUUID() + "@example.test";
        BookingConfirmed soon = confirmed(soonEmail, "TM-SOON-0001", List.of(ticket("R1", "1")),
                showtimeStartingIn(Duration.ofHours(2)).getShowtimeId());
        KafkaTestEvents.send("ticketmesh.bookings", soon.getBooking().getBookingId(), soon);
        awaitMail(soonEmail, m -> m.subject().contains("TM-SOON-0001"));
        assertThat(dsl.fetchCount(dsl.selectFrom("show_reminders").where("id = ?::uuid", soon.getBooking().getBookingId())))
                .as("the tickets mail has just told of a show that close").isZero();

        String showtimeId = showtimeStartingIn(lead.plusSeconds(10)).getShowtimeId();
        String cancelledEmail = "tom-" + UUID.randomUUID() + "@example.test";
        Booking cancelled = book(cancelledEmail, "TM-GONE-0001", showtimeId);
        cancel(cancelled, cancelledEmail, BookingStatus.BOOKING_STATUS_CANCELLED);
        String partlyEmail = "uma-" + UUID.randomUUID() + "@example.test";
        Booking partly = book(partlyEmail, "TM-PART-0001", showtimeId);
        cancel(partly, partlyEmail, BookingStatus.BOOKING_STATUS_PARTIALLY_CANCELLED);
        String closedEmail = "vic-" + UUID.randomUUID() + "@example.test";
        book(closedEmail, "TM-SHUT-0001", showtimeId);
        String userId = UUID.randomUUID().toString();
        Booking ofTheAccount = book(closedEmail, "TM-SHUT-0002", showtimeId, userId);
        Booking ofAnother = book(closedEmail, "TM-KEEP-0001", showtimeId, UUID.randomUUID().toString());
        KafkaTestEvents.send("ticketmesh.identity.closures", userId, AccountClosed.newBuilder().setMetadata(metadata(userId))
                .setUserId(userId).setEmail(closedEmail.toUpperCase()).setName("Vic").build());
        awaitMail(closedEmail.toUpperCase(), m -> m.subject().equals("Your Ticketmesh account is closed"));

        assertThat(awaitMail(partlyEmail, m -> m.subject().startsWith(REMINDER)).body()).as("a booking with seats left is reminded")
                .contains("TM-PART-0001");
        Thread.sleep(1_500);
        assertThat(reminders(soonEmail)).isEmpty();
        assertThat(reminders(cancelledEmail)).as("cancelled whole").isEmpty();
        assertThat(reminders(closedEmail)).as("its account closed").allMatch(mail -> mail.body().contains("TM-KEEP-0001"));
        assertThat(dsl.fetchCount(dsl.selectFrom("show_reminders").where("id = ?::uuid", ofTheAccount.getBookingId())))
                .as("the account's booking").isZero();
        assertThat(dsl.fetchCount(dsl.selectFrom("show_reminders").where("id = ?::uuid", ofAnother.getBookingId())))
                .as("another account's booking to the same address is still reminded").isOne();
        assertThat(dsl.fetchCount(dsl.selectFrom("show_reminders").where("lower(recipient) = lower(?)", closedEmail)
                .and("user_id is null or user_id = ?::uuid", userId))).as("its address kept nowhere").isZero();
    }

    @Test
    void aTicketReceivedIsRemindedToItsHolderButNotOnceGivenOnOrVoided() throws Exception {
        String showtimeId = showtimeStartingIn(lead.plusSeconds(8)).getShowtimeId();
        String bookingId = UUID.randomUUID().toString();
        String grace = "grace-" + UUID.randomUUID() + "@example.test";
        give(transferred(bookingId, showtimeId, ticket("C", "1"), "Ada Lovelace", grace));
        String alan = "alan-" + UUID.randomUUID() + "@example.test";
        TicketTransferred toAlan = transferred(bookingId, showtimeId, ticket("C", "2"), "Ada Lovelace", alan);
        give(toAlan);
        String bea = "bea-" + UUID.randomUUID() + "@example.test";
        give(transferred(bookingId, showtimeId, ticket("C", "2"), "Alan Turing", bea).toBuilder()
                .setFromTicketId(toAlan.getTicket().getTicketId()).build());
        String cy = "cy-" + UUID.randomUUID() + "@example.test";
        TicketTransferred toCy = transferred(bookingId, showtimeId, ticket("C", "3"), "Ada Lovelace", cy);
        give(toCy);
        KafkaTestEvents.send("ticketmesh.tickets", bookingId, TicketsVoided.newBuilder().setMetadata(metadata(bookingId)).setBookingId(bookingId)
                .addTicketIds(toCy.getTicket().getTicketId()).setReason("The organizer refunded it.").build());
        awaitMail(cy, m -> m.subject().equals("A ticket you were given is cancelled"));

        assertThat(awaitMail(grace, m -> m.subject().startsWith(REMINDER)).body())
                .contains("A reminder of the ticket Ada Lovelace gave you: the show starts").contains("Stalls, row C, seat 1");
        assertThat(awaitMail(bea, m -> m.subject().startsWith(REMINDER)).body()).as("whoever holds it now")
                .contains("the ticket Alan Turing gave you").contains("Stalls, row C, seat 2");
        Thread.sleep(1_500);
        assertThat(reminders(alan)).as("given on").isEmpty();
        assertThat(reminders(cy)).as("voided").isEmpty();
        assertThat(reminders(grace)).hasSize(1);
    }

    @Test
    void aCustomerWhoNoLongerHoldsAnyOfTheBookingsTicketsIsNotRemindedOfIt() throws Exception {
        String showtimeId = showtimeStartingIn(lead.plusSeconds(8)).getShowtimeId();
        String gaveAll = "gus-" + UUID.randomUUID() + "@example.test";
        Booking all = book(gaveAll, "TM-GAVE-0001", showtimeId);
        String gavePart = "hal-" + UUID.randomUUID() + "@example.test";
        Booking part = book(gavePart, "TM-HALF-0001", showtimeId);
        String lostRest = "ivy-" + UUID.randomUUID() + "@example.test";
        Booking rest = book(lostRest, "TM-REST-0001", showtimeId);

        for (Booking booking : List.of(all, part, rest)) {
            give(giveAway(booking, 0, showtimeId));
        }
        give(giveAway(all, 1, showtimeId));
        KafkaTestEvents.send("ticketmesh.tickets", rest.getBookingId(), TicketsVoided.newBuilder().setMetadata(metadata(rest.getBookingId()))
                .setBookingId(rest.getBookingId()).addTicketIds(rest.getTickets(1).getTicketId()).setReason("Cancelled.").build());

        assertThat(awaitMail(gavePart, m -> m.subject().startsWith(REMINDER)).body()).as("still holds one of its tickets")
                .contains("TM-HALF-0001");
        Thread.sleep(1_500);
        assertThat(reminders(gaveAll)).as("gave every ticket away").isEmpty();
        assertThat(reminders(lostRest)).as("gave one away, the other voided").isEmpty();
        assertThat(mailsTo("to-" + all.getTickets(1).getTicketId() + "@example.test")).as("whoever holds it now is reminded")
                .anySatisfy(m -> assertThat(m.subject()).startsWith(REMINDER));
    }

    @Test
    void ticketsLetGoBeforeTheBookingsConfirmationWasReadAreLeftOutOfItsTicketsMailAndReminder() throws Exception {
        String showtimeId = showtimeStartingIn(lead.plusSeconds(8)).getShowtimeId();
        String gaveAll = "jo-" + UUID.randomUUID() + "@example.test";
        BookingConfirmed all = confirmed(gaveAll, "TM-EARLY-0001", List.of(ticket("R3", "1"), ticket("R3", "2")), showtimeId);
        String gavePart = "kay-" + UUID.randomUUID() + "@example.test";
        BookingConfirmed part = confirmed(gavePart, "TM-EARLY-0002", List.of(ticket("R3", "3"), ticket("R3", "4")), showtimeId);

        // read first: the tickets topic is not the bookings topic
        give(giveAway(all.getBooking(), 0, showtimeId));
        KafkaTestEvents.send("ticketmesh.tickets", all.getBooking().getBookingId(), TicketsVoided.newBuilder()
                .setMetadata(metadata(all.getBooking().getBookingId())).setBookingId(all.getBooking().getBookingId())
                .addTicketIds(all.getBooking().getTickets(1).getTicketId()).setReason("Refunded.").build());
        give(giveAway(part.getBooking(), 0, showtimeId));
        long deadline = System.currentTimeMillis() + 30_000;
        while (dsl.fetchCount(TICKETS_LET_GO, TICKETS_LET_GO.BOOKING_ID.eq(UUID.fromString(all.getBooking().getBookingId()))) < 2) {
            assertThat(System.currentTimeMillis()).as("the void read").isLessThan(deadline);
            Thread.sleep(100);
        }
        for (BookingConfirmed confirmed : List.of(all, part)) {
            KafkaTestEvents.send("ticketmesh.bookings", confirmed.getBooking().getBookingId(), confirmed);
        }

        ReceivedMail partTickets = awaitMail(gavePart, m -> m.subject().equals("Your tickets: booking TM-EARLY-0002"));
        assertThat(partTickets.body()).contains("This ticket of the booking is no longer yours to use")
                .contains("ticket " + part.getBooking().getTickets(0).getTicketId());
        assertThat(partTickets.attachments()).filteredOn(file -> file.contentType().startsWith("image/png"))
                .extracting(file -> decode(file.content())).as("the code of the ticket still held, alone")
                .containsExactly(part.getBooking().getTickets(1).getQrPayload());
        assertThat(awaitMail(gaveAll, m -> m.subject().equals("Your tickets: booking TM-EARLY-0001")).attachments())
                .noneMatch(file -> file.contentType().startsWith("image/png"));

        assertThat(awaitMail(gavePart, m -> m.subject().startsWith(REMINDER)).body()).as("still holds one of its tickets")
                .contains("TM-EARLY-0002");
        assertThat(dsl.select(SHOW_REMINDERS.TICKET_IDS).from(SHOW_REMINDERS)
                .where(SHOW_REMINDERS.ID.eq(UUID.fromString(part.getBooking().getBookingId()))).fetchOne(SHOW_REMINDERS.TICKET_IDS))
                .containsExactly(UUID.fromString(part.getBooking().getTickets(1).getTicketId()));
        Thread.sleep(1_500);
        assertThat(reminders(gaveAll)).as("gave one away and the other was voided, both before the confirmation was read").isEmpty();
        assertThat(dsl.fetchCount(TICKETS_LET_GO, TICKETS_LET_GO.BOOKING_ID.in(UUID.fromString(all.getBooking().getBookingId()),
                UUID.fromString(part.getBooking().getBookingId())))).as("taken by the reminders written").isZero();
    }

    /** The booking's ticket at {@code index} given by its customer to a new address. */
    private static TicketTransferred giveAway(Booking booking, int index, String showtimeId) {
        Ticket given = booking.getTickets(index);
        return transferred(booking.getBookingId(), showtimeId, ticket("R9", String.valueOf(index)), "A Giver",
                "to-" + given.getTicketId() + "@example.test").toBuilder().setFromTicketId(given.getTicketId()).build();
    }

    private static void give(TicketTransferred transferred) {
        KafkaTestEvents.send("ticketmesh.tickets", transferred.getBookingId(), transferred);
        awaitMail(transferred.getRecipientEmail(), m -> m.subject().endsWith("gave you a ticket"));
    }

    private static Showtime showtimeStartingIn(Duration fromNow) {
        Showtime showtime = Showtime.newBuilder().setShowtimeId(UUID.randomUUID().toString()).setEventId(UUID.randomUUID().toString())
                .setVenueId(UUID.randomUUID().toString()).setTimezone("Europe/London").setVersion(1)
                .setStartsAt(Timestamps.fromSeconds(Instant.now().plus(fromNow).getEpochSecond())).build();
        FakeCatalog.put(showtime, "Hamlet");
        return showtime;
    }

    private static Booking book(String email, String reference, String showtimeId) {
        return book(email, reference, showtimeId, "");
    }

    /** A booking by the account {@code userId} (none when empty), confirmed and its tickets mailed. */
    private static Booking book(String email, String reference, String showtimeId, String userId) {
        BookingConfirmed confirmed = confirmed(email, reference, List.of(ticket("R2", "1"), ticket("R2", "2")), showtimeId);
        confirmed = confirmed.toBuilder().setBooking(confirmed.getBooking().toBuilder().setUserId(userId)).build();
        KafkaTestEvents.send("ticketmesh.bookings", confirmed.getBooking().getBookingId(), confirmed);
        awaitMail(email, m -> m.subject().contains(reference));
        return confirmed.getBooking();
    }

    private static void cancel(Booking booking, String email, BookingStatus status) {
        KafkaTestEvents.send("ticketmesh.bookings", booking.getBookingId(), BookingCancelled.newBuilder().setMetadata(metadata(booking.getBookingId()))
                .setBooking(booking.toBuilder().setStatus(status)).setCustomerEmail(email).addSeatIds(booking.getTickets(0).getSeatId())
                .setRefunded(Money.newBuilder().setAmountMinor(4950).setCurrency("EUR")).build());
        awaitMail(email, m -> m.subject().startsWith("Cancelled"));
    }

    private static List<ReceivedMail> reminders(String email) {
        return mailsTo(email).stream().filter(m -> m.subject().startsWith(REMINDER)).toList();
    }
}
