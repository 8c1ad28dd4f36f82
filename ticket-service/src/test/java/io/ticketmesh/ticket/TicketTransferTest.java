package io.ticketmesh.ticket;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static io.ticketmesh.ticket.TicketBookings.book;
import static io.ticketmesh.ticket.TicketBookings.tickets;
import static io.ticketmesh.ticket.persistence.jooq.Tables.INVENTORY_SHOWTIMES;
import static io.ticketmesh.ticket.persistence.jooq.Tables.TICKETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.ticket.v1.CheckInRequest;
import io.ticketmesh.proto.ticket.v1.GetTicketRequest;
import io.ticketmesh.proto.ticket.v1.ListTicketsRequest;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TicketStatus;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import io.ticketmesh.proto.ticket.v1.TransferTicketResponse;
import io.ticketmesh.proto.ticket.v1.VoidTicketsRequest;
import io.ticketmesh.ticket.TicketBookings.Booking;
import io.ticketmesh.ticket.tickets.TicketOffice;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A ticket given by its holder to another customer: the old code refused, the recipient's own admitted, once. */
class TicketTransferTest extends TicketServiceTestBase {
    private final String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
    @Autowired
    DSLContext dsl;

    private record Recipient(String userId, String token) {
        static Recipient fresh() {
            String userId = UUID.randomUUID().toString();
            return new Recipient(userId, TOKENS.member(userId, Map.of()));
        }
    }

    private static TransferTicketRequest.Builder transfer(Ticket ticket, Recipient to) {
        return TransferTicketRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setTicketId(ticket.getTicketId())
                .setRecipientUserId(to.userId()).setRecipientName("Grace Hopper").setRecipientEmail("grace@example.test");
    }

    private CheckInRequest scan(Ticket ticket) {
        return CheckInRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setQrPayload(ticket.getQrPayload()).setGate("West door").build();
    }

    private static Ticket received(Recipient to) {
        return tickets(to.token()).listTickets(ListTicketsRequest.newBuilder().setHolderUserId(to.userId()).build()).getTickets(0);
    }

    @Test
    void theRecipientHoldsANewTicketWithItsOwnCodeAndTheGiversCodeIsRefused() {
        Booking booking = book(2);
        Ticket given = booking.tickets().getFirst();
        Recipient grace = Recipient.fresh();
        TransferTicketRequest request = transfer(given, grace).build();
        TransferTicketResponse answer = tickets(booking.customer()).transferTicket(request);
        assertThat(answer.getTicket().getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_TRANSFERRED);
        assertThat(answer.getTicket().hasTransferredAt()).isTrue();
        assertThat(tickets(booking.customer()).transferTicket(request)).as("a retry answers as the first call").isEqualTo(answer);

        Ticket hers = received(grace);
        assertThat(hers.getTicketId()).isNotEqualTo(given.getTicketId());
        assertThat(hers.getQrPayload()).isNotEqualTo(given.getQrPayload());
        assertThat(hers).extracting(Ticket::getSeatId, Ticket::getBookingId, Ticket::getHolderName, Ticket::getStatus,
                Ticket::getTransferredFromTicketId).containsExactly(given.getSeatId(), booking.bookingId(), "Grace Hopper",
                TicketStatus.TICKET_STATUS_VALID, given.getTicketId());
        TicketTransferred event = eventsOn(TicketOffice.TOPIC, booking.bookingId(), TicketTransferred.getDescriptor().getFullName(), 2)
                .getFirst().payload(TicketTransferred.parser());
        assertThat(event.getTicket()).isEqualTo(hers);
        assertThat(event).extracting(TicketTransferred::getFromTicketId, TicketTransferred::getFromName, TicketTransferred::getRecipientEmail)
                .containsExactly(given.getTicketId(), "Test User", "grace@example.test");
        assertThat(eventsOn(TicketOffice.TOPIC, booking.bookingId(), TicketTransferred.getDescriptor().getFullName(), 2))
                .as("the retry announced nothing").hasSize(1);

        ListTicketsRequest ofBooking = ListTicketsRequest.newBuilder().setBookingId(booking.bookingId()).build();
        assertThat(tickets(booking.customer()).listTickets(ofBooking).getTicketsList()).as("the giver's view of the booking")
                .extracting(Ticket::getTicketId).containsExactly(given.getTicketId(), booking.tickets().get(1).getTicketId());
        assertThat(tickets(grace.token()).listTickets(ofBooking).getTicketsList()).as("the recipient's").containsExactly(hers);
        assertThat(tickets(staff).listTickets(ofBooking).getTicketsList()).as("the organizer's: the seat's tickets as issued")
                .extracting(Ticket::getTicketId).containsExactly(given.getTicketId(), hers.getTicketId(), booking.tickets().get(1).getTicketId());
        assertThat(failure(() -> tickets(booking.customer()).getTicket(GetTicketRequest.newBuilder().setTicketId(hers.getTicketId()).build()))
                .code()).as("the giver no longer reads the code").isEqualTo(Status.Code.PERMISSION_DENIED);

        assertThat(failure(() -> tickets(staff).checkIn(scan(given))).reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_TICKET);
        assertThat(tickets(staff).checkIn(scan(hers)).getTicket().getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_CHECKED_IN);

        List<Ticket> voided = tickets(staff).voidTickets(VoidTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.bookingId()).setReason("show cancelled").build()).getTicketsList();
        assertThat(voided).as("the tickets that admitted; the one given away stays as it was").extracting(Ticket::getTicketId)
                .containsExactlyInAnyOrder(hers.getTicketId(), booking.tickets().get(1).getTicketId());
        assertThat(tickets(staff).getTicket(GetTicketRequest.newBuilder().setTicketId(given.getTicketId()).build()).getTicket().getStatus())
                .isEqualTo(TicketStatus.TICKET_STATUS_TRANSFERRED);
    }

    @Test
    void aRecipientGivesItOnAndOnlyTheLastCodeAdmits() {
        Booking booking = book(1);
        Recipient grace = Recipient.fresh();
        Recipient alan = Recipient.fresh();
        tickets(booking.customer()).transferTicket(transfer(booking.tickets().getFirst(), grace).build());
        Ticket hers = received(grace);
        tickets(grace.token()).transferTicket(transfer(hers, alan).build());
        Ticket his = received(alan);
        assertThat(his.getTransferredFromTicketId()).isEqualTo(hers.getTicketId());
        assertThat(failure(() -> tickets(staff).checkIn(scan(hers))).reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_TICKET);
        assertThat(tickets(staff).checkIn(scan(his)).getTicket().getHolderUserId()).isEqualTo(alan.userId());
    }

    @Test
    void onlyTheHolderGivesAValidTicketAwayBeforeTheShowAndNothingChangesOtherwise() {
        Booking booking = book(3);
        Ticket ticket = booking.tickets().getFirst();
        Recipient grace = Recipient.fresh();
        for (String other : List.of(customer(), staff, TOKENS.service("booking-service"))) {
            assertThat(failure(() -> tickets(other).transferTicket(transfer(ticket, grace).build())).code())
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(failure(() -> tickets(null).transferTicket(transfer(ticket, grace).build())).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
        String holder = ticket.getHolderUserId();
        assertThat(failure(() -> tickets(booking.customer()).transferTicket(transfer(ticket, new Recipient(holder, booking.customer())).build()))
                .violations()).extracting(v -> v.field()).containsExactly("recipient_user_id");
        assertThat(failure(() -> tickets(booking.customer()).transferTicket(transfer(ticket, grace).setRecipientEmail("grace").build()))
                .violations()).extracting(v -> v.field()).containsExactly("recipient_email");
        assertThat(failure(() -> tickets(booking.customer()).transferTicket(transfer(ticket, grace).setTicketId(UUID.randomUUID().toString())
                .build())).code()).isEqualTo(Status.Code.NOT_FOUND);

        tickets(staff).checkIn(scan(booking.tickets().get(1)));
        tickets(booking.customer()).voidTickets(VoidTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.bookingId()).addTicketIds(booking.tickets().get(2).getTicketId()).setReason("refund").build());
        for (Ticket spent : booking.tickets().subList(1, 3)) {
            assertThat(failure(() -> tickets(booking.customer()).transferTicket(transfer(spent, grace).build())).reason())
                    .as("checked in or voided").isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        }
        dsl.update(INVENTORY_SHOWTIMES).set(INVENTORY_SHOWTIMES.STARTS_AT, OffsetDateTime.now().minusMinutes(5))
                .where(INVENTORY_SHOWTIMES.ID.eq(UUID.fromString(booking.showtime().id()))).execute();
        assertThat(failure(() -> tickets(booking.customer()).transferTicket(transfer(ticket, grace).build())).reason())
                .as("the show started").isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(dsl.fetchCount(TICKETS, TICKETS.BOOKING_ID.eq(UUID.fromString(booking.bookingId())))).as("no ticket made").isEqualTo(3);
        assertThat(tickets(booking.customer()).getTicket(GetTicketRequest.newBuilder().setTicketId(ticket.getTicketId()).build())
                .getTicket().getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_VALID);
    }

    @Test
    void aVoidBySeatReachesTheRecipientsTicketAndACustomersVoidSparesItWhole() throws InterruptedException {
        Booking booking = book(2);
        Ticket given = booking.tickets().getFirst();
        Recipient grace = Recipient.fresh();
        tickets(booking.customer()).transferTicket(transfer(given, grace).build());
        VoidTicketsRequest.Builder bothSeats = VoidTicketsRequest.newBuilder().setBookingId(booking.bookingId()).setReason("cancelled")
                .addSeatIds(given.getSeatId()).addSeatIds(booking.tickets().get(1).getSeatId());
        String holder = given.getHolderUserId();
        var refused = failure(() -> tickets(booking.customer()).voidTickets(bothSeats.setRequestId(UUID.randomUUID().toString())
                .setOnlyHeldByUserId(holder).build()));
        assertThat(refused.reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(refused.metadata()).containsEntry("seat_ids", given.getSeatId());
        assertThat(failure(() -> tickets(booking.customer()).voidTickets(bothSeats.setRequestId(UUID.randomUUID().toString())
                .clearOnlyHeldByUserId().build())).reason()).as("the customer calling for themselves is held to their own tickets")
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(received(grace).getStatus()).as("nothing voided").isEqualTo(TicketStatus.TICKET_STATUS_VALID);
        assertThat(tickets(staff).getTicket(GetTicketRequest.newBuilder().setTicketId(booking.tickets().get(1).getTicketId()).build())
                .getTicket().getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_VALID);

        List<Ticket> voided = tickets(staff).voidTickets(bothSeats.setRequestId(UUID.randomUUID().toString()).clearOnlyHeldByUserId().build())
                .getTicketsList();
        assertThat(voided).extracting(Ticket::getTicketId).containsExactlyInAnyOrder(received(grace).getTicketId(),
                booking.tickets().get(1).getTicketId());

        Booking racing = book(1);
        Ticket raced = racing.tickets().getFirst();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> racers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean voider = i == 5;
            racers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    if (voider) {
                        tickets(staff).voidTickets(VoidTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                                .setBookingId(racing.bookingId()).addSeatIds(raced.getSeatId()).setReason("refund").build());
                    } else {
                        tickets(racing.customer()).transferTicket(transfer(raced, Recipient.fresh()).build());
                    }
                } catch (StatusRuntimeException refusedTransfer) {
                    // a transfer after the void, or after another transfer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread racer : racers) {
            racer.join();
        }
        assertThat(dsl.fetchCount(TICKETS, TICKETS.BOOKING_ID.eq(UUID.fromString(racing.bookingId())).and(TICKETS.STATUS.in("VALID", "CHECKED_IN"))))
                .as("the seat's ticket voided, whoever it was given to before the void").isZero();
    }

    @Test
    void aCustomersVoidOfATicketUsedAtTheDoorIsRefusedWholeAndStaffsIsNot() {
        Booking booking = book(2);
        Ticket used = booking.tickets().getFirst();
        Ticket unused = booking.tickets().get(1);
        tickets(staff).checkIn(scan(used));
        VoidTicketsRequest.Builder both = VoidTicketsRequest.newBuilder().setBookingId(booking.bookingId()).setReason("cancelled")
                .addSeatIds(used.getSeatId()).addSeatIds(unused.getSeatId()).setOnlyHeldByUserId(used.getHolderUserId());
        for (boolean validateOnly : List.of(true, false)) {
            for (String caller : List.of(booking.customer(), staff)) {
                RemoteError refused = failure(() -> tickets(caller).voidTickets(both.setRequestId(UUID.randomUUID().toString())
                        .setValidateOnly(validateOnly).build()));
                assertThat(refused.reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
                assertThat(refused.message()).contains("used at the door");
                assertThat(refused.metadata()).containsEntry("seat_ids", used.getSeatId());
            }
        }
        both.clearValidateOnly();
        assertThat(tickets(staff).getTicket(GetTicketRequest.newBuilder().setTicketId(unused.getTicketId()).build()).getTicket().getStatus())
                .as("nothing voided").isEqualTo(TicketStatus.TICKET_STATUS_VALID);
        assertThat(tickets(booking.customer()).voidTickets(both.setRequestId(UUID.randomUUID().toString()).clearSeatIds()
                .addSeatIds(unused.getSeatId()).build()).getTicketsList()).extracting(Ticket::getTicketId).containsExactly(unused.getTicketId());
        assertThat(tickets(staff).voidTickets(both.setRequestId(UUID.randomUUID().toString()).clearSeatIds().addSeatIds(used.getSeatId())
                .clearOnlyHeldByUserId().build()).getTicketsList()).as("the organizer's own refund").extracting(Ticket::getStatus)
                .containsExactly(TicketStatus.TICKET_STATUS_VOIDED);
    }

    @Test
    void aVoidOnlyValidatedAnswersWhatItWouldVoidAndVoidsNothing() {
        Booking booking = book(2);
        Ticket given = booking.tickets().getFirst();
        Ticket kept = booking.tickets().get(1);
        Recipient grace = Recipient.fresh();
        tickets(booking.customer()).transferTicket(transfer(given, grace).build());
        String requestId = UUID.randomUUID().toString();
        VoidTicketsRequest.Builder keptSeat = VoidTicketsRequest.newBuilder().setRequestId(requestId).setBookingId(booking.bookingId())
                .setReason("cancelled").addSeatIds(kept.getSeatId()).setOnlyHeldByUserId(kept.getHolderUserId()).setValidateOnly(true);
        assertThat(tickets(booking.customer()).voidTickets(keptSeat.build()).getTicketsList()).extracting(Ticket::getTicketId, Ticket::getStatus)
                .containsExactly(tuple(kept.getTicketId(), TicketStatus.TICKET_STATUS_VALID));
        RemoteError refused = failure(() -> tickets(booking.customer()).voidTickets(keptSeat.clone().addSeatIds(given.getSeatId()).build()));
        assertThat(refused.reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(refused.metadata()).containsEntry("seat_ids", given.getSeatId());
        assertThat(tickets(staff).voidTickets(keptSeat.clone().addSeatIds(given.getSeatId()).clearOnlyHeldByUserId().build()).getTicketsList())
                .as("staff would void the recipient's ticket too").extracting(Ticket::getTicketId)
                .containsExactlyInAnyOrder(kept.getTicketId(), received(grace).getTicketId());
        assertThat(dsl.fetchCount(TICKETS, TICKETS.BOOKING_ID.eq(UUID.fromString(booking.bookingId())).and(TICKETS.STATUS.eq("VOIDED"))))
                .as("nothing voided").isZero();

        assertThat(tickets(booking.customer()).voidTickets(keptSeat.clearValidateOnly().build()).getTicketsList())
                .as("the same request id carried out: validating recorded nothing under it").extracting(Ticket::getStatus)
                .containsExactly(TicketStatus.TICKET_STATUS_VOIDED);
    }

    @Test
    void aShowtimeItsOrganizerClosedToTransfersRefusesThemUntilOpenedAgain() throws InterruptedException {
        Booking booking = book(1);
        Ticket ticket = booking.tickets().getFirst();
        var published = booking.showtime().event().getShowtime();
        Recipient grace = Recipient.fresh();
        send("ticketmesh.catalog.showtimes", booking.showtime().id(), changed(published.toBuilder().setVersion(3).setTransfersClosed(true)));
        awaitTransfersClosed(booking.showtime().id(), true);
        assertThat(failure(() -> tickets(booking.customer()).transferTicket(transfer(ticket, grace).build())).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        send("ticketmesh.catalog.showtimes", booking.showtime().id(), changed(published.toBuilder().setVersion(4).setTransfersClosed(false)));
        awaitTransfersClosed(booking.showtime().id(), false);
        assertThat(tickets(booking.customer()).transferTicket(transfer(ticket, grace).build()).getTicket().getStatus())
                .isEqualTo(TicketStatus.TICKET_STATUS_TRANSFERRED);
    }

    private static ShowtimeChanged changed(io.ticketmesh.proto.event.v1.Showtime.Builder showtime) {
        return ShowtimeChanged.newBuilder().setMetadata(EventMetadatas.next(showtime.getShowtimeId(), showtime.getVersion()))
                .setShowtime(showtime).addChangedFields("transfers_closed").build();
    }

    /** Waits (10 s at most) until ticket-service applied the catalog's word on the showtime's transfers. */
    private void awaitTransfersClosed(String showtimeId, boolean closed) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (dsl.fetchValue(INVENTORY_SHOWTIMES.TRANSFERS_CLOSED, INVENTORY_SHOWTIMES.ID.eq(UUID.fromString(showtimeId))) != closed
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    void ofTransfersAndScansRacingForOneTicketOneWinsAndOneCodeAdmits() throws InterruptedException {
        Booking booking = book(1);
        Ticket ticket = booking.tickets().getFirst();
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> racers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean scanner = i % 2 == 0;
            racers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    if (scanner) {
                        tickets(staff).checkIn(scan(ticket));
                        outcomes.add("ADMITTED");
                    } else {
                        tickets(booking.customer()).transferTicket(transfer(ticket, Recipient.fresh()).build());
                        outcomes.add("TRANSFERRED");
                    }
                } catch (StatusRuntimeException e) {
                    outcomes.add(RemoteError.of(e).reason().name());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread racer : racers) {
            racer.join();
        }
        assertThat(outcomes).hasSize(40).filteredOn(o -> o.equals("ADMITTED") || o.equals("TRANSFERRED")).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.equals("ADMITTED") && !o.equals("TRANSFERRED")).isSubsetOf(
                "ERROR_REASON_ALREADY_CHECKED_IN", "ERROR_REASON_INVALID_TICKET", "ERROR_REASON_INVALID_STATE");
        int live = dsl.fetchCount(TICKETS, TICKETS.BOOKING_ID.eq(UUID.fromString(booking.bookingId())).and(TICKETS.STATUS.in("VALID", "CHECKED_IN")));
        assertThat(live).as("one ticket admits the seat, or admitted it").isEqualTo(1);
    }
}
