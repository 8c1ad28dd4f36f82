package io.ticketmesh.workers;

import static io.ticketmesh.workers.TestMails.awaitMail;
import static io.ticketmesh.workers.TestMails.confirmed;
import static io.ticketmesh.workers.TestMails.decode;
import static io.ticketmesh.workers.TestMails.mailsTo;
import static io.ticketmesh.workers.TestMails.metadata;
import static io.ticketmesh.workers.TestMails.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import io.ticketmesh.embedded.EmbeddedSmtpServer;
import io.ticketmesh.embedded.ReceivedMail;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.platform.testing.TestSealing;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingCancelled;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.booking.v1.BookingFailed;
import io.ticketmesh.proto.booking.v1.BookingTotals;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.common.v1.EventMetadata;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.proto.identity.v1.EmailChangeRequested;
import io.ticketmesh.proto.identity.v1.EmailChanged;
import io.ticketmesh.proto.identity.v1.PasswordChangeMethod;
import io.ticketmesh.proto.identity.v1.PasswordChanged;
import io.ticketmesh.proto.identity.v1.PasswordResetRequested;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.waitlist.v1.EntryStatus;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntry;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntryClosed;
import io.ticketmesh.proto.waitlist.v1.WaitlistOfferMade;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The emails workers send for booking and waitlist events, read back from a real SMTP server: a confirmed booking's
 * tickets with a QR code each that decodes to the ticket's signed payload, once however often the event is
 * delivered, and still sent when SMTP was down as it arrived; a cancellation's refund; a waitlist offer; a password
 * reset's link and a changed password.
 */
class EmailTest extends WorkersTestBase {
    @Autowired
    DSLContext dsl;

    @Test
    void aConfirmedBookingMailsItsTicketsOnceWithAQrCodeEach() throws Exception {
        String email = "ana-" + UUID.randomUUID() + "@example.test";
        BookingConfirmed confirmed = confirmed(email, "TM-ANA1-2345", List.of(ticket("R1", "7"), ticket("", "")));
        KafkaTestEvents.send("ticketmesh.bookings", confirmed.getBooking().getBookingId(), confirmed);
        KafkaTestEvents.send("ticketmesh.bookings", confirmed.getBooking().getBookingId(), confirmed);

        ReceivedMail mail = awaitMail(email, m -> true);
        assertThat(mail.subject()).isEqualTo("Your tickets: booking TM-ANA1-2345");
        assertThat(mail.body()).contains("Stalls, row R1, seat 7").contains("Stalls, standing").contains("Paid: 99.00 EUR");
        assertThat(mail.attachments()).hasSize(2).allSatisfy(file -> {
            assertThat(file.contentType()).isEqualTo("image/png");
            assertThat(mail.html()).as("the HTML draws each code in place").contains("src=\"cid:" + file.contentId() + "\"");
        });
        assertThat(mail.attachments().stream().map(file -> decode(file.content())).toList())
                .isEqualTo(confirmed.getBooking().getTicketsList().stream().map(Ticket::getQrPayload).toList());
        Thread.sleep(1_000);
        assertThat(mailsTo(email)).as("a redelivered event sends nothing more").hasSize(1);
        assertThat(dsl.fetchCount(dsl.selectFrom("notification_log").where("recipient = ?", email))).isEqualTo(1);
    }

    @Test
    void aBookingConfirmedJustAfterItsShowMovedIsMailedTheNewTimeWithTheCalendarEntryAtTheShowtimesRevision() {
        Showtime showtime = Showtime.newBuilder().setShowtimeId(UUID.randomUUID().toString()).setEventId(UUID.randomUUID().toString())
                .setVenueId(UUID.randomUUID().toString()).setTimezone("Europe/London").setVersion(2)
                .setStartsAt(Timestamps.parseUnchecked("2027-06-12T18:30:00Z")).build();
        FakeCatalog.put(showtime, "Hamlet");
        String email = "ana-" + UUID.randomUUID() + "@example.test";
        BookingConfirmed first = confirmed(email, "TM-MOVE-0001", List.of(ticket("R1", "7")), showtime.getShowtimeId());
        KafkaTestEvents.send("ticketmesh.bookings", first.getBooking().getBookingId(), first);
        ReceivedMail before = awaitMail(email, m -> m.subject().contains("TM-MOVE-0001"));
        assertThat(before.body()).contains("Hamlet, Saturday 12 June 2027 at 19:30 (Europe/London)").contains("Globe Theatre, 21 New Globe Walk, London");
        assertThat(calendarEntry(before)).contains("DTSTART:20270612T183000Z").contains("SEQUENCE:2");

        FakeCatalog.put(showtime.toBuilder().setVersion(3).setStartsAt(Timestamps.parseUnchecked("2027-06-13T17:00:00Z")).build(), "Hamlet");
        int venueReads = FakeCatalog.venueReads.get();
        BookingConfirmed second = confirmed(email, "TM-MOVE-0002", List.of(ticket("R1", "8")), showtime.getShowtimeId());
        KafkaTestEvents.send("ticketmesh.bookings", second.getBooking().getBookingId(), second);
        ReceivedMail after = awaitMail(email, m -> m.subject().contains("TM-MOVE-0002"));
        assertThat(after.body()).as("the show as moved, not as remembered from the first mail")
                .contains("Hamlet, Sunday 13 June 2027 at 18:00 (Europe/London)").doesNotContain("12 June");
        assertThat(calendarEntry(after)).contains("DTSTART:20270613T170000Z").contains("SEQUENCE:3");
        assertThat(FakeCatalog.venueReads.get()).as("the venue's place is remembered").isEqualTo(venueReads);
    }

    @Test
    void aMailThatCannotBeSentIsRetriedUntilSmtpAnswers() throws Exception {
        String email = "ben-" + UUID.randomUUID() + "@example.test";
        smtp.close();
        BookingConfirmed confirmed = confirmed(email, "TM-BEN1-2345", List.of(ticket("R2", "1")));
        KafkaTestEvents.send("ticketmesh.bookings", confirmed.getBooking().getBookingId(), confirmed);
        Thread.sleep(3_000);
        smtp = EmbeddedSmtpServer.start(SMTP_PORT);
        assertThat(awaitMail(email, m -> true).subject()).isEqualTo("Your tickets: booking TM-BEN1-2345");
    }

    @Test
    void aCancellationMailsItsRefundAFailedBookingWhyAWaitlistOfferItsHoldAndAClosedWaitlistWhy() {
        String email = "cleo-" + UUID.randomUUID() + "@example.test";
        Booking booking = confirmed(email, "TM-CLEO-2345", List.of(ticket("R3", "2"))).getBooking();
        KafkaTestEvents.send("ticketmesh.bookings", booking.getBookingId(), BookingCancelled.newBuilder().setMetadata(metadata(booking.getBookingId()))
                .setBooking(booking).setCustomerEmail(email).addSeatIds(booking.getTickets(0).getSeatId())
                .setRefunded(Money.newBuilder().setAmountMinor(4950).setCurrency("EUR")).build());
        ReceivedMail cancelled = awaitMail(email, m -> m.subject().startsWith("Cancelled"));
        assertThat(cancelled.body()).contains("1 seat is cancelled").contains("Refunded: 49.50 EUR");

        Booking late = booking.toBuilder().setBookingId(UUID.randomUUID().toString()).setReference("TM-LATE-2345").clearTickets()
                .setFailureCode("HOLD_EXPIRED").setFailureMessage("3-D Secure was not completed before the seats' hold ran out").build();
        KafkaTestEvents.send("ticketmesh.bookings", late.getBookingId(), BookingFailed.newBuilder().setMetadata(metadata(late.getBookingId()))
                .setBooking(late).setCustomerEmail(email).build());
        ReceivedMail failed = awaitMail(email, m -> m.subject().equals("Not booked: booking TM-LATE-2345"));
        assertThat(failed.body()).contains("did not go through: 3-D Secure was not completed before the seats' hold ran out.")
                .contains("Nothing was charged");

        String holdId = UUID.randomUUID().toString();
        String showtimeId = UUID.randomUUID().toString();
        KafkaTestEvents.send("ticketmesh.waitlist", showtimeId, WaitlistOfferMade.newBuilder().setMetadata(metadata(showtimeId)).setCustomerEmail(email)
                .setEntry(WaitlistEntry.newBuilder().setEntryId(UUID.randomUUID().toString()).setShowtimeId(showtimeId).setHoldId(holdId)
                        .setOfferExpiresAt(Timestamps.fromMillis(System.currentTimeMillis() + 300_000)))
                .addSeatIds(UUID.randomUUID().toString()).addSeatIds(UUID.randomUUID().toString()).build());
        ReceivedMail offer = awaitMail(email, m -> m.subject().equals("Seats are held for you"));
        assertThat(offer.body()).contains("2 seats are held for you until").contains("/holds/" + holdId);

        KafkaTestEvents.send("ticketmesh.waitlist", showtimeId, WaitlistEntryClosed.newBuilder().setMetadata(metadata(showtimeId))
                .setCustomerEmail(email).setReason("the showtime is cancelled").setEntry(WaitlistEntry.newBuilder()
                        .setEntryId(UUID.randomUUID().toString()).setShowtimeId(showtimeId).setQuantity(3)
                        .setStatus(EntryStatus.ENTRY_STATUS_CLOSED)).build());
        ReceivedMail closed = awaitMail(email, m -> m.subject().equals("Your waitlist has closed"));
        assertThat(closed.body()).contains("for 3 seats has closed: the showtime is cancelled.");
    }

    @Test
    void aPasswordResetMailsItsLinkAndAChangedPasswordIsTold() {
        String email = "dora-" + UUID.randomUUID() + "@example.test";
        String userId = UUID.randomUUID().toString();
        KafkaTestEvents.send("ticketmesh.identity", userId, PasswordResetRequested.newBuilder().setMetadata(metadata(userId))
                .setUserId(userId).setEmail(email).setName("Dora")
                .setSealedResetToken(TestSealing.seal("reset-token-" + userId, PasswordResetRequested.getDescriptor().findFieldByName("sealed_reset_token")))
                .setExpiresAt(Timestamps.fromMillis(System.currentTimeMillis() + 1_800_000)).build());
        ReceivedMail reset = awaitMail(email, m -> m.subject().equals("Reset your Ticketmesh password"));
        assertThat(reset.body()).contains("/reset-password?token=reset-token-" + userId).contains("for 30 minutes");

        KafkaTestEvents.send("ticketmesh.identity", userId, PasswordChanged.newBuilder().setMetadata(metadata(userId)).setUserId(userId)
                .setEmail(email).setMethod(PasswordChangeMethod.PASSWORD_CHANGE_METHOD_RESET).build());
        assertThat(awaitMail(email, m -> m.subject().equals("Your Ticketmesh password was changed")).body()).contains("through a reset link");
        assertThat(dsl.fetch("select kind, subject from notification_log where recipient = ? order by sent_at", email))
                .extracting(r -> r.get(0, String.class)).containsExactly("password_reset", "password_changed");
        assertThat(dsl.fetchCount(dsl.selectFrom("notification_log").where("subject like ?", "%reset-token%"))).isZero();
    }

    @Test
    void aNewAddressIsMailedItsLinkAndTheOldOneIsToldOfTheChange() {
        String old = "erin-" + UUID.randomUUID() + "@example.test";
        String next = "erin-new-" + UUID.randomUUID() + "@example.test";
        String userId = UUID.randomUUID().toString();
        KafkaTestEvents.send("ticketmesh.identity", userId, EmailChangeRequested.newBuilder().setMetadata(metadata(userId))
                .setUserId(userId).setName("Erin").setEmail(old).setNewEmail(next)
                .setSealedConfirmationToken(TestSealing.seal("confirm-" + userId, EmailChangeRequested.getDescriptor().findFieldByName("sealed_confirmation_token")))
                .setExpiresAt(Timestamps.fromMillis(System.currentTimeMillis() + 86_400_000)).build());
        assertThat(awaitMail(next, m -> m.subject().equals("Confirm your new Ticketmesh address")).body())
                .contains("/confirm-email?token=confirm-" + userId).contains("for 24 hours");
        assertThat(awaitMail(old, m -> m.subject().equals("A new address was asked for your Ticketmesh account")).body())
                .contains("to move it to " + next).contains("/forgot-password").doesNotContain("confirm-" + userId);

        KafkaTestEvents.send("ticketmesh.identity", userId, EmailChanged.newBuilder().setMetadata(metadata(userId)).setUserId(userId)
                .setName("Erin").setOldEmail(old).setNewEmail(next).build());
        assertThat(awaitMail(old, m -> m.subject().equals("Your Ticketmesh address was changed")).body()).contains("changed to " + next);
        assertThat(dsl.fetch("select kind from notification_log where recipient in (?, ?) order by sent_at", next, old))
                .extracting(r -> r.get(0, String.class)).containsExactlyInAnyOrder("email_confirmation", "email_change_asked", "email_changed");
    }

    @Test
    void aClosedAccountIsToldAndItsAddressErasedFromTheLogAndMailToNoAddressIsPassedOver() throws InterruptedException {
        String email = "fay-" + UUID.randomUUID() + "@example.test";
        String before = "fay-before-" + UUID.randomUUID() + "@example.test";
        String userId = UUID.randomUUID().toString();
        for (String address : List.of(before, email)) {
            KafkaTestEvents.send("ticketmesh.identity", userId, PasswordChanged.newBuilder().setMetadata(metadata(userId)).setUserId(userId)
                    .setEmail(address).setMethod(PasswordChangeMethod.PASSWORD_CHANGE_METHOD_CHANGE).build());
            awaitMail(address, m -> m.subject().equals("Your Ticketmesh password was changed"));
        }
        assertThat(dsl.fetchValue("select user_id from notification_log where recipient = ?", before)).as("logged for the account")
                .isEqualTo(UUID.fromString(userId));
        String otherId = UUID.randomUUID().toString(); // an account that had the address before this one registered it
        KafkaTestEvents.send("ticketmesh.identity", otherId, PasswordChanged.newBuilder().setMetadata(metadata(otherId)).setUserId(otherId)
                .setEmail(email).setMethod(PasswordChangeMethod.PASSWORD_CHANGE_METHOD_RESET).build());
        awaitMail(email, m -> m.subject().equals("Your Ticketmesh password was changed") && m.body().contains("reset"));
        awaitLogged(otherId);
        KafkaTestEvents.send("ticketmesh.identity.closures", userId, AccountClosed.newBuilder().setMetadata(metadata(userId))
                .setUserId(userId).setEmail(email.toUpperCase()).setName("Fay").build());
        assertThat(awaitMail(email.toUpperCase(), m -> m.subject().equals("Your Ticketmesh account is closed")).body())
                .contains("Hello Fay,").contains("stay valid at the door");
        awaitLogErased(email, userId);
        awaitLogErased(before, userId);
        assertThat(dsl.fetchCount(dsl.selectFrom("notification_log").where("lower(recipient) = lower(?)", email)
                .and("user_id is distinct from ?::uuid", otherId))).as("erased").isZero();
        assertThat(dsl.fetchValue("select recipient from notification_log where user_id = ?::uuid", otherId))
                .as("another account's mail to the address is theirs, not the closed account's").isEqualTo(email);
        assertThat(dsl.fetchCount(dsl.selectFrom("notification_log").where("lower(recipient) = lower(?)", before)))
                .as("the mails to the address the account had before too").isZero();
        assertThat(dsl.fetchCount(dsl.selectFrom("notification_log").where("user_id = ?::uuid", userId))).as("and the account").isZero();
        KafkaTestEvents.send("ticketmesh.bookings", UUID.randomUUID().toString(), confirmed(email, "TM-LATE-0001", List.of(ticket("A", "3"))));
        awaitMail(email, m -> m.subject().contains("TM-LATE-0001"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"".equals(dsl.fetchValue("select recipient from notification_log where subject like '%TM-LATE-0001%'"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(dsl.fetchValue("select recipient from notification_log where subject like '%TM-LATE-0001%'"))
                .as("the tickets of a booking in flight at the closing, sent, logged, then erased from the log").isEqualTo("");

        String after = "gus-" + UUID.randomUUID() + "@example.test";
        KafkaTestEvents.send("ticketmesh.bookings", UUID.randomUUID().toString(), confirmed("", "TM-NONE-0001", List.of(ticket("A", "1"))));
        KafkaTestEvents.send("ticketmesh.bookings", UUID.randomUUID().toString(), confirmed(after, "TM-NEXT-0001", List.of(ticket("A", "2"))));
        assertThat(awaitMail(after, m -> m.subject().contains("TM-NEXT-0001")).subject()).as("the mail to no address did not stop the next")
                .contains("TM-NEXT-0001");
    }

    /** Waits until no entry to {@code email} is for the closed account {@code userId} or for no account. */
    private void awaitLogErased(String email, String userId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (dsl.fetchCount(dsl.selectFrom("notification_log").where("lower(recipient) = lower(?)", email)
                .and("user_id is null or user_id = ?::uuid", userId)) > 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    private void awaitLogged(String userId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (dsl.fetchCount(dsl.selectFrom("notification_log").where("user_id = ?::uuid", userId)) == 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    private static String calendarEntry(ReceivedMail mail) {
        return mail.attachments().stream().filter(file -> file.contentType().startsWith("text/calendar"))
                .map(file -> new String(file.content(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
    }
}
