package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/tickets/{id}/transfer: the recipient found by their account's address and named to ticket-service
 * ({@link FakeTicketService}, which carries the transfer out and is tested in ticket-service), or, when no account has
 * it, the ticket offered to the address and the offer's token accepted; a malformed or the caller's own address refused
 * before it.
 */
class TicketTransferApiTest extends GatewayTestBase {

    private static String transfer(String email) {
        return Http.json(Map.of("email", email));
    }

    @Test
    void theRecipientIsFoundByAddressAndNamedToTicketService() {
        Http http = http();
        Account giver = register(http, uniqueEmail());
        String recipientEmail = uniqueEmail();
        Account recipient = register(http, recipientEmail);
        String ticketId = UUID.randomUUID().toString();
        var answer = http.post("/api/v1/tickets/" + ticketId + "/transfer", giver.accessToken(), transfer(recipientEmail.toUpperCase()),
                Map.of("Idempotency-Key", "transfer-" + ticketId));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").asString()).isEqualTo("TRANSFERRED");
        TransferTicketRequest sent = FakeTicketService.TRANSFERS.stream().filter(r -> r.getTicketId().equals(ticketId)).findFirst().orElseThrow();
        assertThat(sent).extracting(TransferTicketRequest::getRecipientUserId, TransferTicketRequest::getRecipientName,
                TransferTicketRequest::getRecipientEmail).containsExactly(recipient.id(), "Erin", recipientEmail);
        assertThat(sent.getRequestId()).as("derived from the Idempotency-Key").matches("[0-9a-f-]{36}");

        var spent = http.post("/api/v1/tickets/" + FakeTicketService.SPENT_TICKET + "/transfer", giver.accessToken(), transfer(recipientEmail));
        assertThat(spent.status()).isEqualTo(409);
        assertThat(spent.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }

    @Test
    void anAddressNoAccountHasIsOfferedTheTicketAndItsTokenAcceptedByTheAccountThatTakesIt() {
        Http http = http();
        Account giver = register(http, uniqueEmail());
        String newcomer = uniqueEmail();
        String ticketId = UUID.randomUUID().toString();
        var offered = http.post("/api/v1/tickets/" + ticketId + "/transfer", giver.accessToken(), transfer(newcomer.toUpperCase()));
        assertThat(offered.status()).isEqualTo(202);
        assertThat(offered.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(FakeTicketService.OFFERS.stream().filter(r -> r.getTicketId().equals(ticketId)).findFirst().orElseThrow()
                .getRecipientEmail()).as("the address as accounts keep it").isEqualTo(newcomer);

        Account taker = register(http, newcomer);
        var taken = http.post("/api/v1/ticket-offers/accept", taker.accessToken(), Http.json(Map.of("token", FakeTicketService.OFFER_TOKEN)));
        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.json().path("status").asString()).isEqualTo("VALID");
        assertThat(http.post("/api/v1/ticket-offers/accept", taker.accessToken(), Http.json(Map.of("token", "guess"))).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/ticket-offers/accept", taker.accessToken(), "{}").status()).isEqualTo(400);
    }

    @Test
    void anAddressThatIsMalformedOrTheCallersOwnIsRefusedBeforeTicketService() {
        Http http = http();
        Account giver = register(http, uniqueEmail());
        int sentBefore = FakeTicketService.TRANSFERS.size();
        int offeredBefore = FakeTicketService.OFFERS.size();
        String path = "/api/v1/tickets/" + UUID.randomUUID() + "/transfer";
        for (String email : new String[] {giver.email(), giver.email().toUpperCase(), "not an address", ""}) {
            var refused = http.post(path, giver.accessToken(), transfer(email));
            assertThat(refused.status()).as(email).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).as(email).isEqualTo("email");
        }
        assertThat(http.post(path, giver.accessToken(), "{}").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/tickets/not-a-uuid/transfer", giver.accessToken(), transfer(uniqueEmail())).status()).isEqualTo(400);
        assertThat(http.post(path, null, transfer(giver.email())).status()).isEqualTo(401);
        assertThat(FakeTicketService.TRANSFERS).as("nothing reached ticket-service").hasSize(sentBefore);
        assertThat(FakeTicketService.OFFERS).hasSize(offeredBefore);
    }
}
