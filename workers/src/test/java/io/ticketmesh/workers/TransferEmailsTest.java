package io.ticketmesh.workers;

import static io.ticketmesh.workers.TestMails.awaitMail;
import static io.ticketmesh.workers.TestMails.decode;
import static io.ticketmesh.workers.TestMails.mailsTo;
import static io.ticketmesh.workers.TestMails.ticket;
import static io.ticketmesh.workers.TestMails.transferred;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import io.ticketmesh.embedded.ReceivedMail;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.platform.testing.TestSealing;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketOffered;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import io.ticketmesh.proto.ticket.v1.TicketsVoided;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A ticket given to another customer: mailed to them with its new code, and, when the organizer voids it, that it is void. */
class TransferEmailsTest extends WorkersTestBase {
    @Autowired
    DSLContext dsl;

    private static String address(String name) {
        return name + "-" + UUID.randomUUID() + "@example.test";
    }

    @Test
    void aTicketGivenAwayIsMailedToItsRecipientWithItsNewCodeOnce() throws Exception {
        String email = address("grace");
        Ticket received = ticket("C", "12");
        String bookingId = UUID.randomUUID().toString();
        TicketTransferred transferred = transferred(bookingId, received, "Ada Lovelace", email);
        KafkaTestEvents.send("ticketmesh.tickets", bookingId, transferred);
        KafkaTestEvents.send("ticketmesh.tickets", bookingId, transferred);

        ReceivedMail mail = awaitMail(email, m -> true);
        assertThat(mail.subject()).isEqualTo("Ada Lovelace gave you a ticket");
        assertThat(mail.body()).contains("Stalls, row C, seat 12").contains("no longer admits");
        assertThat(mail.attachments()).singleElement().extracting(file -> decode(file.content())).isEqualTo(received.getQrPayload());
        Thread.sleep(1_000);
        assertThat(mailsTo(email)).as("a redelivered event sends nothing more").hasSize(1);
        assertThat(dsl.fetchValue("select kind from notification_log where recipient = ?", email)).isEqualTo("ticket_received");
    }

    @Test
    void aTicketOfferedToAnAddressWithoutAnAccountIsMailedItsLinkOnceWithoutTheCode() throws Exception {
        String email = address("newcomer");
        String bookingId = UUID.randomUUID().toString();
        TicketOffered offered = TicketOffered.newBuilder().setMetadata(EventMetadatas.next(bookingId, 1)).setOfferId(UUID.randomUUID().toString())
                .setBookingId(bookingId).setShowtimeId(UUID.randomUUID().toString()).setTicket(ticket("D", "4").toBuilder().clearQrPayload())
                .setFromName("Ada Lovelace").setRecipientEmail(email)
                .setSealedToken(TestSealing.seal("tok+en/1", TicketOffered.getDescriptor().findFieldByName("sealed_token")))
                .setExpiresAt(Timestamps.parseUnchecked("2027-06-12T17:30:00Z")).build();
        KafkaTestEvents.send("ticketmesh.tickets", bookingId, offered);
        KafkaTestEvents.send("ticketmesh.tickets", bookingId, offered);

        ReceivedMail mail = awaitMail(email, m -> true);
        assertThat(mail.subject()).isEqualTo("Ada Lovelace wants to give you a ticket");
        assertThat(mail.body()).contains("Stalls, row D, seat 4").contains("create an account with this address (" + email + ")")
                .contains("http://127.0.0.1:8080/ticket-offers?token=tok%2Ben%2F1").contains("stays Ada Lovelace's")
                .contains("2027-06-12T17:30:00Z (UTC)");
        assertThat(mail.attachments()).as("no code: the ticket is not theirs yet").isEmpty();
        Thread.sleep(1_000);
        assertThat(mailsTo(email)).as("a redelivered event sends nothing more").hasSize(1);
    }

    @Test
    void theOrganizerVoidingTicketsGivenAwayTellsEachRecipientOnceAndForgetsThemAndAClosedAccountIsForgotten() throws Exception {
        String bookingId = UUID.randomUUID().toString();
        String grace = address("grace");
        String alan = address("alan");
        Ticket toGrace = ticket("C", "1");
        Ticket alsoToGrace = ticket("C", "2");
        Ticket toAlan = ticket("C", "3");
        for (Ticket ticket : new Ticket[] {toGrace, alsoToGrace}) {
            KafkaTestEvents.send("ticketmesh.tickets", bookingId, transferred(bookingId, ticket, "Ada Lovelace", grace));
        }
        TicketTransferred alans = transferred(bookingId, toAlan, "Ada Lovelace", alan);
        KafkaTestEvents.send("ticketmesh.tickets", bookingId, alans);
        Ticket alansOther = ticket("C", "4").toBuilder().setHolderUserId(alans.getTicket().getHolderUserId()).build();
        KafkaTestEvents.send("ticketmesh.tickets", bookingId, alans.toBuilder().setMetadata(EventMetadatas.next(bookingId, 2)).setTicket(alansOther).build());
        TicketsVoided voided = TicketsVoided.newBuilder().setMetadata(EventMetadatas.next(bookingId, 3)).setBookingId(bookingId)
                .addTicketIds(toGrace.getTicketId()).addTicketIds(alsoToGrace.getTicketId()).addTicketIds(toAlan.getTicketId())
                .addTicketIds(UUID.randomUUID().toString()).setReason("The show was cancelled.").build();
        KafkaTestEvents.send("ticketmesh.tickets", bookingId, voided);
        KafkaTestEvents.send("ticketmesh.tickets", bookingId, voided);

        ReceivedMail hers = awaitMail(grace, m -> m.subject().equals("Tickets you were given are cancelled"));
        assertThat(hers.body()).contains("are cancelled: The show was cancelled.").contains("Stalls, row C, seat 1")
                .contains("Stalls, row C, seat 2").contains("from Ada Lovelace").contains("nothing was charged to you");
        assertThat(awaitMail(alan, m -> m.subject().equals("A ticket you were given is cancelled")).body()).contains("Stalls, row C, seat 3");
        Thread.sleep(1_000);
        assertThat(mailsTo(grace)).as("the two tickets, then one mail of their void").hasSize(3);
        assertThat(mailsTo(alan)).as("two tickets, then the void of one").hasSize(3);
        assertThat(dsl.fetchCount(dsl.selectFrom("received_tickets").where("recipient = ?", grace))).as("voided: nothing more to tell").isZero();

        String alanId = alans.getTicket().getHolderUserId();
        KafkaTestEvents.send("ticketmesh.identity.closures", alanId, AccountClosed.newBuilder().setMetadata(EventMetadatas.next(alanId, 4))
                .setUserId(alanId).setEmail(alan).setName("Alan").build());
        long deadline = System.currentTimeMillis() + 10_000;
        while (dsl.fetchCount(dsl.selectFrom("received_tickets").where("recipient = ?", alan)) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(dsl.fetchCount(dsl.selectFrom("received_tickets").where("recipient = ?", alan))).as("forgotten with the account").isZero();
    }

    @Test
    void aMovedShowTellsTheHoldersOfItsTicketsReceivedNotThoseVoidedOnce() throws Exception {
        String showtimeId = UUID.randomUUID().toString();
        String bookingId = UUID.randomUUID().toString();
        String grace = address("grace");
        Ticket kept = ticket("D", "1");
        Ticket voided = ticket("D", "2");
        for (Ticket ticket : new Ticket[] {kept, voided}) {
            KafkaTestEvents.send("ticketmesh.tickets", bookingId, transferred(bookingId, showtimeId, ticket, "Ada Lovelace", grace));
        }
        KafkaTestEvents.send("ticketmesh.tickets", bookingId, TicketsVoided.newBuilder().setMetadata(EventMetadatas.next(bookingId, 3))
                .setBookingId(bookingId).addTicketIds(voided.getTicketId()).setReason("refunded").build());
        awaitMail(grace, m -> m.subject().equals("A ticket you were given is cancelled"));

        ShowtimeChanged moved = ShowtimeChanged.newBuilder().setMetadata(EventMetadatas.next(showtimeId, 7)).addChangedFields("starts_at")
                .addChangedFields("ends_at").setShowtime(Showtime.newBuilder().setShowtimeId(showtimeId).setVersion(7)
                        .setStartsAt(Timestamps.parse("2027-06-19T17:30:00Z")).setEndsAt(Timestamps.parse("2027-06-19T20:00:00Z"))).build();
        KafkaTestEvents.send("ticketmesh.catalog.showtimes", showtimeId, moved);
        KafkaTestEvents.send("ticketmesh.catalog.showtimes", showtimeId, moved);
        KafkaTestEvents.send("ticketmesh.catalog.showtimes", showtimeId, moved.toBuilder().setMetadata(EventMetadatas.next(showtimeId, 8))
                .clearChangedFields().addChangedFields("transfers_closed").build());

        ReceivedMail told = awaitMail(grace, m -> m.subject().equals("New time for a ticket you were given"));
        assertThat(told.body()).contains("it now starts").contains("Stalls, row D, seat 1").doesNotContain("seat 2").contains("stays valid");
        Thread.sleep(1_000);
        assertThat(mailsTo(grace)).as("two tickets, a void, one move told once; a change of another field tells nothing").hasSize(4);
    }
}
