package io.ticketmesh.ticket;

import static io.ticketmesh.ticket.TicketBookings.book;
import static io.ticketmesh.ticket.TicketBookings.tickets;
import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.proto.ticket.v1.CheckInRequest;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetTicketQrCodeRequest;
import io.ticketmesh.proto.ticket.v1.GetTicketRequest;
import io.ticketmesh.proto.ticket.v1.GetVerificationKeysRequest;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.IssueTicketsRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketsRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketsResponse;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import io.ticketmesh.proto.ticket.v1.TicketsIssued;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import io.ticketmesh.proto.ticket.v1.VerificationKey;
import io.ticketmesh.proto.ticket.v1.VoidTicketsRequest;
import io.ticketmesh.ticket.TicketBookings.Booking;
import io.ticketmesh.ticket.tickets.TicketOffice;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Tickets for a confirmed booking with signed QR codes, and check-in exactly once. */
class TicketTest extends TicketServiceTestBase {
    private final String staffId = UUID.randomUUID().toString();
    private final String staff = TOKENS.member(staffId, Map.of(ORGANIZATION, "STAFF"));

    private CheckInRequest.Builder scan(Ticket ticket) {
        return CheckInRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setQrPayload(ticket.getQrPayload()).setGate("North door");
    }

    @Test
    void aConfirmedBookingGetsOneTicketPerSeatOnceWithCodesAScannerVerifiesOffline() throws Exception {
        Booking booking = book(2);
        assertThat(booking.tickets()).hasSize(2).allMatch(t -> t.getStatus() == TicketStatus.TICKET_STATUS_VALID)
                .extracting(Ticket::getSeatId).containsExactlyInAnyOrderElementsOf(booking.hold().getSeatIdsList());
        List<Ticket> again = tickets(booking.customer()).issueTickets(IssueTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.bookingId()).setHoldId(booking.hold().getHoldId()).build()).getTicketsList();
        assertThat(again).as("the retry reads back exactly what the first call answered").isEqualTo(booking.tickets());
        assertThat(KafkaTestEvents.read(TicketOffice.TOPIC, booking.bookingId(), 2, Duration.ofSeconds(3))).as("the retry announces nothing")
                .filteredOn(event -> event.type().equals(TicketsIssued.getDescriptor().getFullName())).hasSize(1);

        VerificationKey key = tickets(null).getVerificationKeys(GetVerificationKeysRequest.getDefaultInstance()).getKeys(0);
        String[] parts = booking.tickets().getFirst().getQrPayload().split("\\.");
        assertThat(parts[1]).isEqualTo(key.getKeyId());
        byte[] x509 = new byte[44];
        System.arraycopy(new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00}, 0, x509, 0, 12);
        key.getPublicKey().copyTo(x509, 12);
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
        ed25519.update((parts[0] + "." + parts[1] + "." + parts[2]).getBytes(StandardCharsets.UTF_8));
        assertThat(ed25519.verify(Base64.getUrlDecoder().decode(parts[3]))).as("verifies with the published key alone").isTrue();
        assertThat(new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8))
                .startsWith(booking.tickets().getFirst().getTicketId() + "|" + booking.showtime().id());

        byte[] png = tickets(booking.customer()).getTicketQrCode(GetTicketQrCodeRequest.newBuilder()
                .setTicketId(booking.tickets().getFirst().getTicketId()).setSizePx(240).build()).getPng().toByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(240);
        assertThat(failure(() -> tickets(customer()).getTicketQrCode(GetTicketQrCodeRequest.newBuilder()
                .setTicketId(booking.tickets().getFirst().getTicketId()).build())).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aShowtimesTicketsArePagedForItsStaffAndABookingsForItsHolder() {
        Booking booking = book(3);
        ListTicketsRequest.Builder ofShowtime = ListTicketsRequest.newBuilder().setShowtimeId(booking.showtime().id()).setPageSize(2);
        ListTicketsResponse first = tickets(staff).listTickets(ofShowtime.build());
        ListTicketsResponse second = tickets(staff).listTickets(ofShowtime.setPageToken(first.getNextPageToken()).build());
        assertThat(first.getTicketsCount()).isEqualTo(2);
        assertThat(second.getNextPageToken()).isEmpty();
        assertThat(Stream.concat(first.getTicketsList().stream(), second.getTicketsList().stream()).map(Ticket::getTicketId))
                .containsExactlyInAnyOrderElementsOf(booking.tickets().stream().map(Ticket::getTicketId).toList());
        assertThat(tickets(booking.customer()).listTickets(ListTicketsRequest.newBuilder().setBookingId(booking.bookingId()).build())
                .getTicketsList()).isEqualTo(booking.tickets());

        assertThat(failure(() -> tickets(booking.customer()).listTickets(ofShowtime.setPageToken("").build())).code())
                .as("a customer does not read the door list").isEqualTo(Status.Code.PERMISSION_DENIED);
        for (String forged : List.of("-1", "x", "99999999999")) {
            assertThat(failure(() -> tickets(staff).listTickets(ofShowtime.setPageToken(forged).build())).code())
                    .as("page token " + forged).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
        Booking other = book(1);
        RemoteError elsewhere = failure(() -> tickets(staff).listTickets(ListTicketsRequest.newBuilder().setShowtimeId(other.showtime().id())
                .setPageToken(first.getNextPageToken()).build()));
        assertThat(elsewhere.code()).as("a token of one showtime's door list given with another's").isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(elsewhere.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("page_token"));
    }

    @Test
    void aCustomersTicketsArePagedForThemAndNoOneElse() {
        Booking booking = book(3);
        String holder = booking.tickets().getFirst().getHolderUserId();
        ListTicketsRequest.Builder mine = ListTicketsRequest.newBuilder().setHolderUserId(holder).setPageSize(2);
        ListTicketsResponse first = tickets(booking.customer()).listTickets(mine.build());
        ListTicketsResponse second = tickets(booking.customer()).listTickets(mine.setPageToken(first.getNextPageToken()).build());
        assertThat(first.getTicketsCount()).isEqualTo(2);
        assertThat(second.getTicketsCount()).isEqualTo(1);
        assertThat(second.getNextPageToken()).isEmpty();
        assertThat(Stream.concat(first.getTicketsList().stream(), second.getTicketsList().stream()).map(Ticket::getTicketId))
                .containsExactlyInAnyOrderElementsOf(booking.tickets().stream().map(Ticket::getTicketId).toList());

        assertThat(failure(() -> tickets(customer()).listTickets(mine.setPageToken("").build())).code())
                .as("another customer's tickets").isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(() -> tickets(staff).listTickets(mine.build())).code())
                .as("nor the organizer's staff, who have the door list").isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void ofManyConcurrentScansOfOneTicketExactlyOneIsAdmitted() throws InterruptedException {
        Ticket ticket = book(1).tickets().getFirst();
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> scanners = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            scanners.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    tickets(staff).checkIn(scan(ticket).build());
                    outcomes.add("ADMITTED");
                } catch (StatusRuntimeException e) {
                    outcomes.add(RemoteError.of(e).reason().name());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread scanner : scanners) {
            scanner.join();
        }
        assertThat(outcomes).hasSize(50).filteredOn("ADMITTED"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.equals("ADMITTED")).containsOnly("ERROR_REASON_ALREADY_CHECKED_IN");
        RemoteError again = failure(() -> tickets(staff).checkIn(scan(ticket).build()));
        assertThat(again.metadata()).containsEntry("gate", "North door").containsKey("checked_in_at");
    }

    @Test
    void forgedVoidedAndOtherShowtimeCodesAreInvalidAndOnlyStaffScan() {
        Booking booking = book(2);
        Ticket first = booking.tickets().get(0);
        Ticket second = booking.tickets().get(1);
        String payload = first.getQrPayload();
        String forged = payload.substring(0, payload.length() - 2) + (payload.endsWith("AA") ? "BB" : "AA");
        assertThat(failure(() -> tickets(staff).checkIn(scan(first).setQrPayload(forged).build())).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_TICKET);
        assertThat(failure(() -> tickets(staff).checkIn(scan(first).setQrPayload("hello").build())).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_TICKET);
        assertThat(failure(() -> tickets(staff).checkIn(scan(first).setShowtimeId(UUID.randomUUID().toString()).build())).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_TICKET);
        assertThat(failure(() -> tickets(booking.customer()).checkIn(scan(first).build())).code()).isEqualTo(Status.Code.PERMISSION_DENIED);

        tickets(booking.customer()).voidTickets(VoidTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.bookingId()).addTicketIds(second.getTicketId()).setReason("refund").build());
        assertThat(failure(() -> tickets(staff).checkIn(scan(second).build())).reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_TICKET);
        CheckInRequest valid = scan(first).setShowtimeId(booking.showtime().id()).build();
        assertThat(tickets(staff).checkIn(valid).getTicket().getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_CHECKED_IN);
        assertThat(tickets(staff).checkIn(valid).getTicket().getTicketId()).as("a retried scan gets the first answer")
                .isEqualTo(first.getTicketId());
    }

    @Test
    void aTicketFoundInTheDoorListIsAdmittedByHandOnceAndEveryAdmissionNamesItsStaff() {
        Booking booking = book(2);
        Ticket lostPhone = booking.tickets().get(0);
        CheckInRequest byHand = CheckInRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setTicketId(lostPhone.getTicketId()).setGate("Box office").build();
        Ticket admitted = tickets(staff).checkIn(byHand).getTicket();
        assertThat(admitted.getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_CHECKED_IN);
        assertThat(admitted.getCheckedInByHand()).isTrue();
        assertThat(admitted.getCheckedInByUserId()).isEqualTo(staffId);
        assertThat(failure(() -> tickets(staff).checkIn(scan(lostPhone).build())).reason())
                .as("its code admits no one after").isEqualTo(ErrorReason.ERROR_REASON_ALREADY_CHECKED_IN);
        assertThat(failure(() -> tickets(staff).checkIn(byHand.toBuilder().setRequestId(UUID.randomUUID().toString()).build()))
                .metadata()).containsEntry("gate", "Box office");

        Ticket scanned = tickets(staff).checkIn(scan(booking.tickets().get(1)).build()).getTicket();
        assertThat(scanned.getCheckedInByHand()).isFalse();
        assertThat(scanned.getCheckedInByUserId()).isEqualTo(staffId);
        assertThat(tickets(booking.customer()).getTicket(GetTicketRequest.newBuilder().setTicketId(lostPhone.getTicketId()).build())
                .getTicket().getCheckedInByHand()).isTrue();
    }

    @Test
    void anAdmissionByHandNamesOneTicketTheCallersOrganizationIssued() {
        Booking booking = book(1);
        Ticket ticket = booking.tickets().getFirst();
        CheckInRequest.Builder byHand = CheckInRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setTicketId(ticket.getTicketId()).setGate("Box office");
        assertThat(failure(() -> tickets(staff).checkIn(byHand.clone().setQrPayload(ticket.getQrPayload()).build())).violations())
                .extracting(v -> v.field()).containsExactly("ticket_id");
        assertThat(failure(() -> tickets(staff).checkIn(byHand.clone().clearTicketId().build())).violations())
                .extracting(v -> v.field()).containsExactly("qr_payload");
        assertThat(failure(() -> tickets(staff).checkIn(byHand.clone().setTicketId("nope").build())).code())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(failure(() -> tickets(staff).checkIn(byHand.clone().setTicketId(UUID.randomUUID().toString()).build())).code())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failure(() -> tickets(booking.customer()).checkIn(byHand.build())).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(() -> tickets(staff).checkIn(byHand.clone().setShowtimeId(UUID.randomUUID().toString()).build())).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_TICKET);
        assertThat(tickets(staff).getTicket(GetTicketRequest.newBuilder().setTicketId(ticket.getTicketId()).build()).getTicket()
                .getStatus()).as("nothing refused was admitted").isEqualTo(TicketStatus.TICKET_STATUS_VALID);
    }

    @Test
    void aClosedAccountsNameIsErasedFromItsTicketsWhichStillAdmit() {
        Booking booking = book(2);
        Booking other = book(1);
        String holder = booking.tickets().getFirst().getHolderUserId();
        AccountClosed closed = AccountClosed.newBuilder().setMetadata(EventMetadatas.next(holder, 9)).setUserId(holder)
                .setEmail("ada@example.test").setName("Ada Lovelace").build();
        send("ticketmesh.identity.closures", holder, closed);

        ListTicketsRequest mine = ListTicketsRequest.newBuilder().setHolderUserId(holder).build();
        awaitNamesErased(booking.customer(), mine);
        assertThat(tickets(booking.customer()).listTickets(mine).getTicketsList()).hasSize(2).allMatch(t -> t.getHolderName().isEmpty())
                .allMatch(t -> t.getStatus() == TicketStatus.TICKET_STATUS_VALID);
        Booking inFlight = book(booking.customer(), 1);
        assertThat(inFlight.tickets().getFirst().getHolderName()).as("issued by a booking running on after the closing")
                .isEqualTo("Ada Lovelace");
        awaitNamesErased(booking.customer(), mine);
        assertThat(tickets(booking.customer()).listTickets(mine).getTicketsList()).as("erased again within the hour").hasSize(3)
                .allMatch(t -> t.getHolderName().isEmpty());
        assertThat(tickets(other.customer()).getTicket(GetTicketRequest.newBuilder().setTicketId(other.tickets().getFirst().getTicketId())
                .build()).getTicket().getHolderName()).as("another customer's").isEqualTo("Ada Lovelace");
        assertThat(tickets(staff).checkIn(scan(booking.tickets().getFirst()).build()).getTicket().getStatus())
                .as("the code the customer was sent still admits").isEqualTo(TicketStatus.TICKET_STATUS_CHECKED_IN);
    }

    @Test
    void theBoxOfficesTicketsAreInNoWalletAreNotGivenAwayAndKeepTheBuyersNameWhenTheSellerLeaves() {
        String sellerId = UUID.randomUUID().toString();
        String seller = TOKENS.member(sellerId, Map.of(ORGANIZATION, "STAFF"));
        Booking sale = book(seller, 2, true);
        Booking own = book(seller, 1);
        assertThat(sale.hold().getBoxOffice()).isTrue();
        assertThat(sale.tickets()).allMatch(Ticket::getBoxOffice).allMatch(t -> t.getHolderName().equals("Ada Lovelace"));
        assertThat(own.tickets()).noneMatch(Ticket::getBoxOffice);

        ListTicketsRequest wallet = ListTicketsRequest.newBuilder().setHolderUserId(sellerId).build();
        assertThat(tickets(seller).listTickets(wallet).getTicketsList()).as("the seller's own ticket, not those they sold")
                .extracting(Ticket::getTicketId).containsExactly(own.tickets().getFirst().getTicketId());
        assertThat(tickets(staff).listTickets(ListTicketsRequest.newBuilder().setBookingId(sale.bookingId()).build()).getTicketsList())
                .as("the organization's staff find the sale's tickets").hasSize(2);
        Ticket sold = sale.tickets().getFirst();
        assertThat(failure(() -> tickets(seller).transferTicket(TransferTicketRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setTicketId(sold.getTicketId()).setRecipientUserId(UUID.randomUUID().toString()).setRecipientName("Grace Hopper")
                .setRecipientEmail("grace@example.test")
                .build())).code()).as("the buyer has it on paper").isEqualTo(Status.Code.FAILED_PRECONDITION);

        send("ticketmesh.identity.closures", sellerId, AccountClosed.newBuilder().setMetadata(EventMetadatas.next(sellerId, 9))
                .setUserId(sellerId).setEmail("seller@example.test").setName("Test User").build());
        awaitNamesErased(seller, wallet);
        assertThat(tickets(seller).listTickets(wallet).getTickets(0).getHolderName()).isEmpty();
        assertThat(tickets(staff).getTicket(GetTicketRequest.newBuilder().setTicketId(sold.getTicketId()).build()).getTicket())
                .as("the buyer's name stays on what they bought").extracting(Ticket::getHolderName, Ticket::getStatus)
                .containsExactly("Ada Lovelace", TicketStatus.TICKET_STATUS_VALID);
    }

    @Test
    void ticketsIssuedForAServiceWithoutANameNameNoOne() {
        PublishedShowtime showtime = publish(1, 10, 10);
        Hold hold = inventory(customer()).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).addSeatIds(showtime.seatIds().getFirst()).build()).getHold();
        String bookingId = UUID.randomUUID().toString();
        String service = TOKENS.service("booking-service");
        inventory(service).confirmHold(ConfirmHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setHoldId(hold.getHoldId()).setBookingId(bookingId).build());
        List<Ticket> issued = tickets(service).issueTickets(IssueTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(bookingId).setHoldId(hold.getHoldId()).build()).getTicketsList();
        assertThat(issued).singleElement().extracting(Ticket::getHolderName).as("not the service's name").isEqualTo("");
    }

    private static void awaitNamesErased(String customer, ListTicketsRequest tickets) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (tickets(customer).listTickets(tickets).getTicketsList().stream().anyMatch(t -> !t.getHolderName().isEmpty())
                && System.currentTimeMillis() < deadline) {
            sleep(Duration.ofMillis(100));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
