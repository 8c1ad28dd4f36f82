package io.ticketmesh.ticket;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static io.ticketmesh.ticket.TicketBookings.book;
import static io.ticketmesh.ticket.TicketBookings.tickets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.testing.TestSealing;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.proto.ticket.v1.AcceptTicketOfferRequest;
import io.ticketmesh.proto.ticket.v1.GetTicketRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketOffersRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketOffersResponse;
import io.ticketmesh.proto.ticket.v1.OfferTicketRequest;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketOffer;
import io.ticketmesh.proto.ticket.v1.TicketOfferStatus;
import io.ticketmesh.proto.ticket.v1.TicketOffered;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import io.ticketmesh.proto.ticket.v1.WithdrawTicketOfferRequest;
import io.ticketmesh.ticket.TicketBookings.Booking;
import io.ticketmesh.ticket.tickets.TicketOffice;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A ticket offered to an address without an account: mailed a token (TicketOffered), accepted by the account with
 * that address and the token, as a transfer; withdrawn, replaced, or found no longer the giver's to give.
 */
class TicketOfferTest extends TicketServiceTestBase {

    /** Someone who will have an account with the address the test tokens give them (their id at example.test). */
    private record Newcomer(String userId, String token, String email) {
        static Newcomer fresh() {
            String userId = UUID.randomUUID().toString();
            return new Newcomer(userId, TOKENS.member(userId, Map.of()), userId + "@example.test");
        }
    }

    private static OfferTicketRequest offer(Ticket ticket, String email) {
        return OfferTicketRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setTicketId(ticket.getTicketId())
                .setRecipientEmail(email).build();
    }

    private static AcceptTicketOfferRequest accept(String token) {
        return AcceptTicketOfferRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setToken(token).build();
    }

    /** The token the offer's event carries sealed for workers, opened as they open it (what they mail). */
    private static String tokenOf(Booking booking, TicketOffer offer, int eventsOnBooking) {
        return TestSealing.open(eventsOn(TicketOffice.TOPIC, booking.bookingId(), TicketOffered.getDescriptor().getFullName(), eventsOnBooking).stream()
                .map(e -> e.payload(TicketOffered.parser())).filter(e -> e.getOfferId().equals(offer.getOfferId())).findFirst()
                .orElseThrow().getSealedToken(), TicketOffered.getDescriptor().findFieldByNumber(TicketOffered.SEALED_TOKEN_FIELD_NUMBER));
    }

    @Test
    void theAccountWithTheOfferedAddressAcceptsItWithTheMailedTokenAndHoldsTheTicketAsIfTransferred() {
        Booking booking = book(1);
        Ticket given = booking.tickets().getFirst();
        Newcomer ada = Newcomer.fresh();
        OfferTicketRequest request = offer(given, ada.email().toUpperCase());
        TicketOffer offer = tickets(booking.customer()).offerTicket(request).getOffer();
        assertThat(offer.getStatus()).isEqualTo(TicketOfferStatus.TICKET_OFFER_STATUS_PENDING);
        assertThat(offer.getRecipientEmail()).isEqualTo(ada.email());
        assertThat(offer.getExpiresAt()).as("the show starts within the week: the offer lapses then")
                .isEqualTo(booking.showtime().event().getShowtime().getStartsAt());
        assertThat(Timestamps.between(offer.getCreatedAt(), offer.getExpiresAt()).getSeconds()).isLessThan(Duration.ofDays(7).toSeconds());
        assertThat(tickets(booking.customer()).offerTicket(request).getOffer()).as("a retry").isEqualTo(offer);
        TicketOffered event = eventsOn(TicketOffice.TOPIC, booking.bookingId(), TicketOffered.getDescriptor().getFullName(), 2)
                .getFirst().payload(TicketOffered.parser());
        assertThat(event.getTicket().getQrPayload()).as("the code is not offered").isEmpty();
        assertThat(event.getRecipientEmail()).isEqualTo(ada.email());
        String token = tokenOf(booking, offer, 2);
        assertThat(event.toByteString().toStringUtf8()).as("the token sealed for workers, never in the clear").doesNotContain(token);
        assertThat(tickets(booking.customer()).getTicket(GetTicketRequest.newBuilder().setTicketId(given.getTicketId()).build())
                .getTicket().getStatus()).as("the giver's until accepted").isEqualTo(TicketStatus.TICKET_STATUS_VALID);

        assertThat(failure(() -> tickets(customer()).acceptTicketOffer(accept(token))).code()).as("another address")
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(() -> tickets(ada.token()).acceptTicketOffer(accept("not-a-token"))).code()).isEqualTo(Status.Code.NOT_FOUND);

        AcceptTicketOfferRequest accepting = accept(token);
        Ticket hers = tickets(ada.token()).acceptTicketOffer(accepting).getTicket();
        assertThat(hers).extracting(Ticket::getHolderUserId, Ticket::getSeatId, Ticket::getStatus, Ticket::getTransferredFromTicketId)
                .containsExactly(ada.userId(), given.getSeatId(), TicketStatus.TICKET_STATUS_VALID, given.getTicketId());
        assertThat(hers.getQrPayload()).isNotEmpty().isNotEqualTo(given.getQrPayload());
        assertThat(tickets(ada.token()).acceptTicketOffer(accepting).getTicket()).as("a retry").isEqualTo(hers);
        assertThat(failure(() -> tickets(ada.token()).acceptTicketOffer(accept(token))).reason()).as("accepted once")
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(tickets(booking.customer()).getTicket(GetTicketRequest.newBuilder().setTicketId(given.getTicketId()).build())
                .getTicket().getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_TRANSFERRED);
        TicketTransferred transferred = eventsOn(TicketOffice.TOPIC, booking.bookingId(), TicketTransferred.getDescriptor().getFullName(), 3)
                .getFirst().payload(TicketTransferred.parser());
        assertThat(transferred).extracting(TicketTransferred::getFromUserId, TicketTransferred::getFromName, TicketTransferred::getRecipientEmail)
                .containsExactly(booking.hold().getUserId(), "Test User", ada.email());
        assertThat(transferred.getTicket()).isEqualTo(hers);
        assertThat(tickets(booking.customer()).listTicketOffers(ListTicketOffersRequest.newBuilder().setAll(true).build()).getOffersList())
                .extracting(TicketOffer::getOfferId, TicketOffer::getStatus)
                .containsExactly(tuple(offer.getOfferId(), TicketOfferStatus.TICKET_OFFER_STATUS_ACCEPTED));
    }

    @Test
    void aClosedAccountsAddressIsErasedFromTheSettledOffersMadeToItAndAPendingOneKeepsIt() throws InterruptedException {
        Newcomer ada = Newcomer.fresh();
        Booking taken = book(1);
        TicketOffer accepted = tickets(taken.customer()).offerTicket(offer(taken.tickets().getFirst(), ada.email())).getOffer();
        tickets(ada.token()).acceptTicketOffer(accept(tokenOf(taken, accepted, 2)));
        Booking waiting = book(1);
        TicketOffer pending = tickets(waiting.customer()).offerTicket(offer(waiting.tickets().getFirst(), ada.email())).getOffer();

        send("ticketmesh.identity.closures", ada.userId(), AccountClosed.newBuilder().setMetadata(EventMetadatas.next(ada.userId(), 3))
                .setUserId(ada.userId()).setEmail(ada.email().toUpperCase()).setName("Ada").build());
        ListTicketOffersRequest all = ListTicketOffersRequest.newBuilder().setAll(true).build();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!tickets(taken.customer()).listTicketOffers(all).getOffers(0).getRecipientEmail().isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the accepted offer's address erased in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(tickets(waiting.customer()).listTicketOffers(all).getOffersList()).as("still to be taken by whoever has the mailbox")
                .extracting(TicketOffer::getOfferId, TicketOffer::getRecipientEmail).containsExactly(tuple(pending.getOfferId(), ada.email()));
    }

    @Test
    void aWithdrawnOrReplacedOfferAndATicketNoLongerTheGiversAreNotAccepted() {
        Booking booking = book(2);
        Ticket first = booking.tickets().getFirst();
        Newcomer ada = Newcomer.fresh();
        assertThat(failure(() -> tickets(customer()).offerTicket(offer(first, ada.email()))).code()).as("not the holder")
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        RemoteError own = failure(() -> tickets(booking.customer()).offerTicket(offer(first, booking.hold().getUserId() + "@example.test")));
        assertThat(own.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("recipient_email"));

        TicketOffer replaced = tickets(booking.customer()).offerTicket(offer(first, ada.email())).getOffer();
        TicketOffer newer = tickets(booking.customer()).offerTicket(offer(first, ada.email())).getOffer();
        assertThat(failure(() -> tickets(ada.token()).acceptTicketOffer(accept(tokenOf(booking, replaced, 2)))).message())
                .contains("withdrawn");
        assertThat(tickets(booking.customer()).listTicketOffers(ListTicketOffersRequest.getDefaultInstance()).getOffersList())
                .as("the giver's waiting offers: the newer alone").containsExactly(newer);
        assertThat(tickets(booking.customer()).withdrawTicketOffer(WithdrawTicketOfferRequest.newBuilder().setOfferId(newer.getOfferId())
                .build()).getOffer().getStatus()).isEqualTo(TicketOfferStatus.TICKET_OFFER_STATUS_WITHDRAWN);
        assertThat(failure(() -> tickets(ada.token()).acceptTicketOffer(accept(tokenOf(booking, newer, 2)))).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(tickets(booking.customer()).listTicketOffers(ListTicketOffersRequest.getDefaultInstance()).getOffersList())
                .as("withdrawn").isEmpty();

        Ticket second = booking.tickets().get(1);
        TicketOffer meanwhile = tickets(booking.customer()).offerTicket(offer(second, ada.email())).getOffer();
        String friend = UUID.randomUUID().toString();
        assertThat(tickets(booking.customer()).listTicketOffers(ListTicketOffersRequest.getDefaultInstance()).getOffersList())
                .containsExactly(meanwhile);
        tickets(booking.customer()).transferTicket(TransferTicketRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setTicketId(second.getTicketId()).setRecipientUserId(friend).setRecipientEmail(friend + "@example.test").build());
        assertThat(tickets(booking.customer()).listTicketOffers(ListTicketOffersRequest.getDefaultInstance()).getOffersList())
                .as("the ticket given otherwise: the offer can no longer be taken").isEmpty();
        assertThat(failure(() -> tickets(ada.token()).acceptTicketOffer(accept(tokenOf(booking, meanwhile, 3)))).message())
                .as("given to someone else meanwhile").contains("given away already");

        ListTicketOffersRequest all = ListTicketOffersRequest.newBuilder().setAll(true).setPageSize(2).build();
        ListTicketOffersResponse newest = tickets(booking.customer()).listTicketOffers(all);
        assertThat(newest.getOffersList()).as("every offer made, newest first, a pending one that can no longer be taken lapsed")
                .extracting(TicketOffer::getOfferId, TicketOffer::getStatus)
                .containsExactly(tuple(meanwhile.getOfferId(), TicketOfferStatus.TICKET_OFFER_STATUS_LAPSED),
                        tuple(newer.getOfferId(), TicketOfferStatus.TICKET_OFFER_STATUS_WITHDRAWN));
        ListTicketOffersResponse oldest = tickets(booking.customer()).listTicketOffers(all.toBuilder().setPageToken(newest.getNextPageToken()).build());
        assertThat(oldest.getOffersList()).extracting(TicketOffer::getOfferId, TicketOffer::getStatus)
                .containsExactly(tuple(replaced.getOfferId(), TicketOfferStatus.TICKET_OFFER_STATUS_WITHDRAWN));
        assertThat(oldest.getNextPageToken()).isEmpty();
        assertThat(failure(() -> tickets(booking.customer()).listTicketOffers(ListTicketOffersRequest.newBuilder()
                .setPageToken(newest.getNextPageToken()).build())).violations()).as("the token of the list of all, given to the waiting ones")
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("page_token"));
        assertThat(tickets(ada.token()).listTicketOffers(all).getOffersList()).as("another customer's").isEmpty();
    }
}
