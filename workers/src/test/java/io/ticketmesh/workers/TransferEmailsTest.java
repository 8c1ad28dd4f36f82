package io.ticketmesh.workers;

import static io.ticketmesh.workers.TestMails.awaitMail;
import static io.ticketmesh.workers.TestMails.decode;
import static io.ticketmesh.workers.TestMails.mailsTo;
import static io.ticketmesh.workers.TestMails.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.embedded.ReceivedMail;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.proto.ticket.v1.Ticket;
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

    private static TicketTransferred transferred(String bookingId, Ticket ticket, String giver, String email) {
        return TicketTransferred.newBuilder().setMetadata(EventMetadatas.next(bookingId, 2)).setBookingId(bookingId)
                .setShowtimeId(UUID.randomUUID().toString()).setFromTicketId(UUID.randomUUID().toString()).setFromName(giver)
                .setTicket(ticket.toBuilder().setHolderUserId(UUID.randomUUID().toString())).setRecipientEmail(email).build();
    }

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
    void theOrganizerVoidingTicketsGivenAwayTellsEachRecipientOnceAndAClosedAccountIsForgotten() throws Exception {
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
        assertThat(mailsTo(alan)).hasSize(2);

        String alanId = alans.getTicket().getHolderUserId();
        KafkaTestEvents.send("ticketmesh.identity.closures", alanId, AccountClosed.newBuilder().setMetadata(EventMetadatas.next(alanId, 4))
                .setUserId(alanId).setEmail(alan).setName("Alan").build());
        long deadline = System.currentTimeMillis() + 10_000;
        while (dsl.fetchCount(dsl.selectFrom("received_tickets").where("recipient = ?", alan)) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(dsl.fetchCount(dsl.selectFrom("received_tickets").where("recipient = ?", alan))).as("forgotten with the account").isZero();
        assertThat(dsl.fetchCount(dsl.selectFrom("received_tickets").where("recipient = ?", grace))).isEqualTo(2);
    }
}
