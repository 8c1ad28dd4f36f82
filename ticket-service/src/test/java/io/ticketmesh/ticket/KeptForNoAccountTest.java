package io.ticketmesh.ticket;

import static io.ticketmesh.ticket.TicketBookings.book;
import static io.ticketmesh.ticket.TicketBookings.tickets;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.privacy.PersonalDataRetention;
import io.ticketmesh.proto.ticket.v1.OfferTicketRequest;
import io.ticketmesh.proto.ticket.v1.TicketOffer;
import io.ticketmesh.proto.ticket.v1.WithdrawTicketOfferRequest;
import io.ticketmesh.ticket.TicketBookings.Booking;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * What ticket-service keeps of people without an account goes once older than the retention: a box office buyer's name
 * on their tickets, the address a settled offer went to. A customer's own name stays (their account's closing erases
 * it), and so does the address of an offer still pending.
 */
class KeptForNoAccountTest extends TicketServiceTestBase {
    @Autowired
    DSLContext dsl;

    @Autowired
    PersonalDataRetention retention;

    @Value("${ticketmesh.privacy.retention}")
    Duration kept;

    @Test
    void aBoxOfficeBuyersNameAndASettledOffersAddressGoOnceOlderThanTheRetention() {
        String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
        Booking old = book(staff, 1, true);
        Booking recent = book(staff, 1, true);
        Booking own = book(1);
        String oldTicket = old.tickets().getFirst().getTicketId();
        String recentTicket = recent.tickets().getFirst().getTicketId();
        String ownTicket = own.tickets().getFirst().getTicketId();
        dsl.execute("update tickets set issued_at = now() - ?::interval where id in (?::uuid, ?::uuid)", ago(kept.plusDays(1)),
                oldTicket, ownTicket);
        dsl.execute("update tickets set issued_at = now() - ?::interval where id = ?::uuid", ago(kept.minusDays(1)), recentTicket);

        Booking giving = book(2);
        TicketOffer settled = offer(giving, 0, "never-registered@example.test");
        tickets(giving.customer()).withdrawTicketOffer(WithdrawTicketOfferRequest.newBuilder().setOfferId(settled.getOfferId()).build());
        TicketOffer pending = offer(giving, 1, "still-waiting@example.test");
        dsl.execute("update ticket_offers set created_at = now() - ?::interval where id in (?::uuid, ?::uuid)", ago(kept.plusDays(1)),
                settled.getOfferId(), pending.getOfferId());

        assertThat(retention.sweep()).isGreaterThanOrEqualTo(2);

        assertThat(holderName(oldTicket)).as("the old box office sale's buyer").isEmpty();
        assertThat(holderName(recentTicket)).isEqualTo("Ada Lovelace");
        assertThat(holderName(ownTicket)).as("a customer's name goes with their account, not by age").isEqualTo("Ada Lovelace");
        assertThat(dsl.fetchValue("select status from tickets where id = ?::uuid", oldTicket)).as("the ticket stays valid")
                .isEqualTo("VALID");
        assertThat(recipient(settled)).as("a withdrawn offer's address").isEmpty();
        assertThat(recipient(pending)).as("an offer still to be taken keeps it").isEqualTo("still-waiting@example.test");
        assertThat(retention.sweep()).as("nothing more").isZero();
    }

    private static TicketOffer offer(Booking booking, int ticket, String email) {
        return tickets(booking.customer()).offerTicket(OfferTicketRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setTicketId(booking.tickets().get(ticket).getTicketId()).setRecipientEmail(email).build()).getOffer();
    }

    private static String ago(Duration duration) {
        return duration.toSeconds() + " seconds";
    }

    private String holderName(String ticketId) {
        return dsl.fetchValue("select holder_name from tickets where id = ?::uuid", ticketId).toString();
    }

    private String recipient(TicketOffer offer) {
        return dsl.fetchValue("select recipient_email from ticket_offers where id = ?::uuid", offer.getOfferId()).toString();
    }
}
