package io.ticketmesh.booking;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.CancelShowtimeRequest;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.UpdateShowtimeRequest;
import io.ticketmesh.proto.ticket.v1.GetHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.StandingPlaces;
import io.ticketmesh.proto.waitlist.v1.EntryStatus;
import io.ticketmesh.proto.waitlist.v1.GetEntryRequest;
import io.ticketmesh.proto.waitlist.v1.JoinRequest;
import io.ticketmesh.proto.waitlist.v1.LeaveRequest;
import io.ticketmesh.proto.waitlist.v1.ListEntriesRequest;
import io.ticketmesh.proto.waitlist.v1.ListEntriesResponse;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntry;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntryClosed;
import io.ticketmesh.proto.waitlist.v1.WaitlistOfferMade;
import io.ticketmesh.proto.waitlist.v1.WaitlistServiceGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Waitlists through booking-service's gRPC API against ticket-service as a real process: freed seats become real
 * holds of the oldest entries they suit, an offer booked is FULFILLED, one left is released at once, one that lapses
 * unbooked is EXPIRED.
 */
class WaitlistTest extends BookingTestBase {
    @Autowired
    DSLContext bookingDatabase;

    @Test
    void freedSeatsBecomeHoldsOfTheOldestEntriesTheySuitAndAnOfferIsBookedOrLeft() {
        String showtime = showtime(1, 4);
        String first = customer();
        String firstHold = hold(first, showtime, 4);
        String ben = customer();
        String cleo = customer();
        String benJoin = UUID.randomUUID().toString();
        WaitlistEntry benEntry = join(ben, showtime, benJoin, 2, true);
        WaitlistEntry cleoEntry = join(cleo, showtime, UUID.randomUUID().toString(), 1, false);
        assertThat(benEntry.getStatus()).isEqualTo(EntryStatus.ENTRY_STATUS_WAITING);
        assertThat(benEntry.getPosition()).isEqualTo(1);
        assertThat(cleoEntry.getPosition()).isEqualTo(2);
        assertThat(join(ben, showtime, benJoin, 2, true)).as("a retry").isEqualTo(benEntry);
        assertThat(failure(() -> join(ben, showtime, UUID.randomUUID().toString(), 1, false)).code()).as("one entry a showtime")
                .isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(failure(() -> entry(cleo, benEntry.getEntryId())).code()).as("another customer's entry")
                .isEqualTo(Status.Code.NOT_FOUND);
        RemoteError noSuchTier = failure(() -> waitlists(cleo).join(JoinRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime).setQuantity(1).setTier("Z").build()));
        assertThat(noSuchTier.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(noSuchTier.message()).contains("no tier Z");
        sleep(1_500);
        assertThat(entry(ben, benEntry.getEntryId()).getStatus()).as("nothing to offer while sold out").isEqualTo(EntryStatus.ENTRY_STATUS_WAITING);

        inventory(first).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setHoldId(firstHold).build());

        WaitlistEntry benOffer = awaitEntry(ben, benEntry.getEntryId(), e -> e.getStatus() == EntryStatus.ENTRY_STATUS_OFFERED);
        Hold benHold = inventory(ben).getHold(GetHoldRequest.newBuilder().setHoldId(benOffer.getHoldId()).build()).getHold();
        assertThat(benHold.getSeatsList()).extracting(SeatAvailability::getRow).containsOnly("R0");
        assertThat(benHold.getSeatIdsCount()).isEqualTo(2);
        assertThat(benOffer.getOfferExpiresAt()).isEqualTo(benHold.getExpiresAt());
        WaitlistEntry cleoOffer = awaitEntry(cleo, cleoEntry.getEntryId(), e -> e.getStatus() == EntryStatus.ENTRY_STATUS_OFFERED);
        List<ReceivedEvent> offers = KafkaTestEvents.read(OFFERS, showtime, 2, Duration.ofSeconds(30));
        assertThat(offers).extracting(e -> e.payload(WaitlistOfferMade.parser()).getEntry().getEntryId())
                .containsExactly(benEntry.getEntryId(), cleoEntry.getEntryId());
        assertThat(offers.getFirst().payload(WaitlistOfferMade.parser()).getSeatIdsList()).isEqualTo(benHold.getSeatIdsList());

        Booking booked = bookings(ben).createBooking(create(benOffer.getHoldId(), APPROVED)).getBooking();
        assertThat(awaitBooking(ben, booked.getBookingId(), BookingFixtures::settled).getStatus()).isEqualTo(BookingStatus.BOOKING_STATUS_CONFIRMED);
        awaitEntry(ben, benEntry.getEntryId(), e -> e.getStatus() == EntryStatus.ENTRY_STATUS_FULFILLED);

        WaitlistEntry left = waitlists(cleo).leave(LeaveRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setEntryId(cleoEntry.getEntryId()).build()).getEntry();
        assertThat(left.getStatus()).isEqualTo(EntryStatus.ENTRY_STATUS_LEFT);
        assertThat(statesOf(showtime, inventory(cleo).getHold(GetHoldRequest.newBuilder().setHoldId(cleoOffer.getHoldId()).build())
                .getHold().getSeatIdsList())).as("the offer's seat is on sale again").containsExactly(SeatState.SEAT_STATE_AVAILABLE);
        assertThat(waitlists(cleo).leave(LeaveRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setEntryId(cleoEntry.getEntryId()).build()).getEntry()).as("leaving again").isEqualTo(left);
    }

    @Test
    void entriesThatCanBeServedAreReachedBehindAnyNumberThatCannot() {
        String showtime = showtime(2, 3);
        List<String> holders = new ArrayList<>();
        List<String> holds = new ArrayList<>();
        for (int seat = 0; seat < 6; seat++) {
            holders.add(customer());
            holds.add(hold(holders.getLast(), showtime, 1)); // R0 1-3, then R1 1-3
        }
        List<String> couples = new ArrayList<>();
        List<WaitlistEntry> together = new ArrayList<>();
        for (int couple = 0; couple < 6; couple++) {
            couples.add(customer());
            together.add(join(couples.getLast(), showtime, UUID.randomUUID().toString(), 2, true));
        }
        String kim = customer();
        WaitlistEntry kimEntry = join(kim, showtime, UUID.randomUUID().toString(), 2, false);
        String lou = customer();
        WaitlistEntry louEntry = join(lou, showtime, UUID.randomUUID().toString(), 3, false);

        // two seats free, in different rows: no couple can sit together, so Kim, behind six of them, gets both
        for (int seat : new int[] {0, 3}) {
            inventory(holders.get(seat)).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                    .setHoldId(holds.get(seat)).build());
        }
        WaitlistEntry kimOffer = awaitEntry(kim, kimEntry.getEntryId(), e -> e.getStatus() == EntryStatus.ENTRY_STATUS_OFFERED);
        assertThat(inventory(kim).getHold(GetHoldRequest.newBuilder().setHoldId(kimOffer.getHoldId()).build()).getHold().getSeatsList())
                .extracting(SeatAvailability::getRow).containsExactlyInAnyOrder("R0", "R1");
        for (int couple = 0; couple < together.size(); couple++) {
            assertThat(entry(couples.get(couple), together.get(couple).getEntryId()).getStatus()).isEqualTo(EntryStatus.ENTRY_STATUS_WAITING);
        }
        assertThat(entry(lou, louEntry.getEntryId()).getStatus()).as("three seats were never free").isEqualTo(EntryStatus.ENTRY_STATUS_WAITING);
    }

    @Test
    void anEntryForTheStandingTierIsOfferedPlacesOnTheFloor() {
        String showtime = showtime(1, 2, 2);
        hold(customer(), showtime, 2);
        String floor = inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime).build())
                .getStanding(0).getSectionId();
        String dancer = customer();
        String floorHold = inventory(dancer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime).addStanding(StandingPlaces.newBuilder().setSectionId(floor).setQuantity(2)).build()).getHold().getHoldId();
        String nia = customer();
        WaitlistEntry entry = waitlists(nia).join(JoinRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime)
                .setQuantity(2).setTier("B").build()).getEntry();

        inventory(dancer).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setHoldId(floorHold).build());
        WaitlistEntry offer = awaitEntry(nia, entry.getEntryId(), e -> e.getStatus() == EntryStatus.ENTRY_STATUS_OFFERED);
        Hold offered = inventory(nia).getHold(GetHoldRequest.newBuilder().setHoldId(offer.getHoldId()).build()).getHold();
        assertThat(offered.getStandingList()).singleElement().satisfies(places -> {
            assertThat(places.getSectionId()).isEqualTo(floor);
            assertThat(places.getQuantity()).isEqualTo(2);
        });
    }

    @Test
    void positionsAreThoseOfTheLineInTheDatabasesOrderTiesIncluded() {
        String showtime = showtime(1, 2);
        hold(customer(), showtime, 2);
        // sixty entries joined in the same microsecond: their place is decided by their ids, as PostgreSQL orders uuids
        bookingDatabase.execute("insert into waitlist_entries (id, showtime_id, user_id, customer_email, quantity, together, tier, status,"
                + " join_request_id, created_at, updated_at) select gen_random_uuid(), ?, 'user-' || n, 'a@example.test', 1, false, '',"
                + " 'WAITING', 'join-' || n, timestamptz '2026-12-05 10:00:00+00' + (n % 3) * interval '1 microsecond', now()"
                + " from generate_series(1, 60) n", UUID.fromString(showtime));
        String service = TOKENS.service("test");
        var expected = bookingDatabase.fetch("select id::text, 1 + count(*) over (order by created_at, id rows between unbounded preceding"
                + " and 1 preceding) as position from waitlist_entries where showtime_id = ? order by created_at, id", UUID.fromString(showtime));
        assertThat(expected).hasSize(60);
        for (var row : expected) {
            assertThat(entry(service, row.get(0, String.class)).getPosition()).isEqualTo(row.get(1, Long.class));
        }
    }

    @Test
    void aCustomersEntriesOfEveryShowtimeArePagedNewestFirstForThemAlone() {
        String hal = customer();
        WaitlistEntry first = join(hal, showtime(1, 2), UUID.randomUUID().toString(), 1, false);
        WaitlistEntry second = join(hal, showtime(1, 2), UUID.randomUUID().toString(), 2, true);
        ListEntriesResponse page = waitlists(hal).listEntries(ListEntriesRequest.newBuilder().setPageSize(1).build());
        assertThat(page.getEntriesList()).extracting(WaitlistEntry::getEntryId).containsExactly(second.getEntryId());
        ListEntriesResponse next = waitlists(hal).listEntries(ListEntriesRequest.newBuilder().setPageSize(1)
                .setPageToken(page.getNextPageToken()).build());
        assertThat(next.getEntriesList()).extracting(WaitlistEntry::getEntryId).containsExactly(first.getEntryId());
        assertThat(next.getNextPageToken()).isEmpty();
        assertThat(waitlists(customer()).listEntries(ListEntriesRequest.getDefaultInstance()).getEntriesList()).isEmpty();
        assertThat(failure(() -> waitlists(hal).listEntries(ListEntriesRequest.newBuilder().setPageToken("x").build())).code())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void anOfferLeftUnbookedExpiresACancelledShowtimeHasNoListAndOnlyServicesHoldForOthers() {
        String showtime = showtime(1, 2);
        String dana = customer();
        WaitlistEntry entry = join(dana, showtime, UUID.randomUUID().toString(), 1, false);
        WaitlistEntry offered = awaitEntry(dana, entry.getEntryId(), e -> e.getStatus() == EntryStatus.ENTRY_STATUS_OFFERED);
        assertThat(offered.getPosition()).isZero();
        bookingDatabase.execute("update waitlist_entries set offer_expires_at = now() - interval '1 second' where id = ?",
                UUID.fromString(entry.getEntryId()));
        awaitEntry(dana, entry.getEntryId(), e -> e.getStatus() == EntryStatus.ENTRY_STATUS_EXPIRED);

        events().cancelShowtime(CancelShowtimeRequest
                .newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime).build());
        RemoteError cancelled = failure(() -> join(customer(), showtime, UUID.randomUUID().toString(), 1, false));
        assertThat(cancelled.reason()).isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);

        String eve = customer();
        RemoteError forOthers = failure(() -> inventory(eve).holdBestAvailable(HoldBestAvailableRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime).setQuantity(1).setForUserId(UUID.randomUUID().toString())
                .build()));
        assertThat(forOthers.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aListClosesWhenItsShowtimeIsCancelledOrItsSalesEnd() {
        String cancelled = showtime(1, 3);
        hold(customer(), cancelled, 2);
        String olga = customer();
        WaitlistEntry olgaEntry = join(olga, cancelled, UUID.randomUUID().toString(), 1, false);
        awaitEntry(olga, olgaEntry.getEntryId(), e -> e.getStatus() == EntryStatus.ENTRY_STATUS_OFFERED);
        String fay = customer();
        WaitlistEntry fayEntry = join(fay, cancelled, UUID.randomUUID().toString(), 1, false);
        events().cancelShowtime(CancelShowtimeRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setShowtimeId(cancelled).build());
        WaitlistEntry closed = awaitEntry(fay, fayEntry.getEntryId(), e -> e.getStatus() == EntryStatus.ENTRY_STATUS_CLOSED);
        assertThat(closed.getPosition()).isZero();
        WaitlistEntry closedOffer = entry(olga, olgaEntry.getEntryId());
        assertThat(closedOffer.getStatus()).as("an offer of a cancelled showtime can never be booked").isEqualTo(EntryStatus.ENTRY_STATUS_CLOSED);
        Map<String, WaitlistEntryClosed> told = KafkaTestEvents.read(OFFERS, cancelled, 3, Duration.ofSeconds(30)).stream()
                .filter(event -> event.is(WaitlistEntryClosed.getDescriptor())).map(event -> event.payload(WaitlistEntryClosed.parser()))
                .collect(Collectors.toMap(event -> event.getEntry().getEntryId(), event -> event));
        assertThat(told.keySet()).containsExactlyInAnyOrder(fayEntry.getEntryId(), olgaEntry.getEntryId());
        assertThat(told.get(fayEntry.getEntryId()).getEntry()).isEqualTo(closed);
        assertThat(told.get(olgaEntry.getEntryId()).getEntry()).isEqualTo(closedOffer);
        assertThat(told.get(olgaEntry.getEntryId()).getEntry().getHoldId()).isNotEmpty();
        assertThat(told.values()).allSatisfy(event -> {
            assertThat(event.getReason()).isEqualTo("the showtime is cancelled");
            assertThat(event.getCustomerEmail()).isNotEmpty();
        });

        String salesEnd = showtime(1, 2);
        String first = customer();
        String firstHold = hold(first, salesEnd, 2);
        String gus = customer();
        WaitlistEntry gusEntry = join(gus, salesEnd, UUID.randomUUID().toString(), 1, false);
        Showtime ending = events().getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(salesEnd).build()).getShowtime();
        events().updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtime(ending.toBuilder().setSalesEnd(Timestamps.fromMillis(System.currentTimeMillis() - 1_000)))
                .setUpdateMask(FieldMask.newBuilder().addPaths("sales_end")).build());
        RemoteError refused = failure(() -> join(customer(), salesEnd, UUID.randomUUID().toString(), 1, false));
        assertThat(refused.reason()).isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);
        assertThat(refused.message()).contains("sales have ended");
        awaitHoldRefused(salesEnd);
        assertThat(entry(gus, gusEntry.getEntryId()).getStatus()).as("no sign yet that sales ended").isEqualTo(EntryStatus.ENTRY_STATUS_WAITING);

        inventory(first).releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setHoldId(firstHold).build());

        awaitEntry(gus, gusEntry.getEntryId(), e -> e.getStatus() == EntryStatus.ENTRY_STATUS_CLOSED);
        assertThat(KafkaTestEvents.read(OFFERS, salesEnd, 1, Duration.ofSeconds(30)).getFirst().payload(WaitlistEntryClosed.parser())
                .getReason()).isEqualTo("sales have ended");
    }

    /** Waits until ticket-service has heard that the sold-out showtime's sales ended (it refuses a hold for that). */
    private static void awaitHoldRefused(String showtime) {
        String probe = customer();
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                inventory(probe).holdBestAvailable(HoldBestAvailableRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                        .setShowtimeId(showtime).setQuantity(1).build());
            } catch (StatusRuntimeException e) {
                if (RemoteError.of(e).reason() == ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE) {
                    return;
                }
            }
            assertThat(System.currentTimeMillis()).as("ticket-service still sells").isLessThan(deadline);
            sleep(200);
        }
    }

    private static final String OFFERS = "ticketmesh.waitlist";

    private static WaitlistServiceGrpc.WaitlistServiceBlockingStub waitlists(String token) {
        return GrpcTestCalls.as(WaitlistServiceGrpc.newBlockingStub(CHANNEL), token);
    }

    private static WaitlistEntry join(String customer, String showtime, String requestId, int quantity, boolean together) {
        return waitlists(customer).join(JoinRequest.newBuilder().setRequestId(requestId).setShowtimeId(showtime).setQuantity(quantity)
                .setTogether(together).build()).getEntry();
    }

    private static WaitlistEntry entry(String customer, String entryId) {
        return waitlists(customer).getEntry(GetEntryRequest.newBuilder().setEntryId(entryId).build()).getEntry();
    }

    private static WaitlistEntry awaitEntry(String customer, String entryId, Predicate<WaitlistEntry> wanted) {
        long deadline = System.currentTimeMillis() + 30_000;
        WaitlistEntry entry = entry(customer, entryId);
        while (!wanted.test(entry)) {
            assertThat(System.currentTimeMillis()).as("still " + entry).isLessThan(deadline);
            sleep(200);
            entry = entry(customer, entryId);
        }
        return entry;
    }
}
