package io.ticketmesh.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.platform.testing.ServiceProcesses;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.platform.testing.TestTokens;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingServiceGrpc;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.CreateEventRequest;
import io.ticketmesh.proto.event.v1.CreateShowtimeRequest;
import io.ticketmesh.proto.event.v1.CreateVenueRequest;
import io.ticketmesh.proto.event.v1.Event;
import io.ticketmesh.proto.event.v1.EventCategory;
import io.ticketmesh.proto.event.v1.CustomerRefundStep;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.UpdateShowtimeRequest;
import io.ticketmesh.proto.event.v1.Point;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.PublishShowtimeRequest;
import io.ticketmesh.proto.event.v1.Row;
import io.ticketmesh.proto.event.v1.Seat;
import io.ticketmesh.proto.event.v1.SeatMap;
import io.ticketmesh.proto.event.v1.Section;
import io.ticketmesh.proto.event.v1.SectionKind;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import io.ticketmesh.proto.payment.v1.Card;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What booking tests share: booking-service's participants (event-, ticket-, payment-service) as real processes
 * on the test's PostgreSQL, Redis and Kafka, customers, cards, and showtimes made the way organizers make them
 * (venue, event, showtime, publish over gRPC; ticket-service builds the inventory from the published event).
 */
abstract class BookingFixtures {
    static final TestTokens TOKENS = new TestTokens();
    static final ServiceProcesses PROCESSES = ServiceProcesses.shared(TOKENS);
    static final ServiceProcesses PARTICIPANTS = PROCESSES.started(PROCESSES.event, PROCESSES.ticket, PROCESSES.payment);
    static final String ORGANIZATION = UUID.randomUUID().toString();
    static final String OWNER = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "OWNER"));
    static final Card APPROVED = card("4242424242424242");
    static final Card DECLINED = card("4000000000000002");
    static final Card CHALLENGED = card("4000000000003220");

    static Card card(String number) {
        return Card.newBuilder().setNumber(number).setExpMonth(12).setExpYear(2035).setCvc("123").build();
    }

    static CreateBookingRequest create(String holdId, Card card) {
        return CreateBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setHoldId(holdId).setCard(card).build();
    }

    static Set<SeatState> statesOf(String showtimeId, List<String> seatIds) {
        return seats(showtimeId).stream().filter(s -> seatIds.contains(s.getSeatId())).map(SeatAvailability::getState).collect(Collectors.toSet());
    }

    /** How many of the booking's charges the card provider captured, from its own books. */
    static long providerCharges(String bookingId) throws Exception {
        return providerBooks(bookingId, "count(*) filter (where c.captured_minor > 0)");
    }

    /** What the card provider kept of the booking's charges (captured minus refunded), from its own books. */
    static long providerKept(String bookingId) throws Exception {
        return providerBooks(bookingId, "coalesce(sum(c.captured_minor - c.refunded_minor), 0)");
    }

    private static long providerBooks(String bookingId, String aggregate) throws Exception {
        try (Connection db = DriverManager.getConnection(PARTICIPANTS.payment.jdbcUrl(), TestInfrastructure.postgres().username(), "");
             ResultSet rows = db.createStatement().executeQuery("select " + aggregate + " from provider_charges c"
                     + " join payments p on p.id::text = c.idempotency_key where p.booking_id = '" + UUID.fromString(bookingId) + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String customer() {
        return TOKENS.member(UUID.randomUUID().toString(), Map.of());
    }

    static InventoryServiceGrpc.InventoryServiceBlockingStub inventory(String token) {
        return GrpcTestCalls.as(InventoryServiceGrpc.newBlockingStub(PARTICIPANTS.ticket.channel()), token);
    }

    /** A published showtime of rows x perRow seats, tier A at 45.00 EUR, once its inventory exists. */
    static String showtime(int rows, int perRow) {
        return showtime(rows, perRow, 0);
    }

    /**
     * A published showtime of rows x perRow seats, tier A at 45.00 EUR, and (when {@code floor} is positive) a standing
     * floor of that many places, tier B at 30.00 EUR, once its inventory exists.
     */
    static String showtime(int rows, int perRow, int floor) {
        Section.Builder stalls = Section.newBuilder().setName("Stalls").setKind(SectionKind.SECTION_KIND_SEATED).setDefaultTier("A");
        for (int r = 0; r < rows; r++) {
            Row.Builder row = Row.newBuilder().setLabel("R" + r);
            for (int n = 0; n < perRow; n++) {
                row.addSeats(Seat.newBuilder().setLabel(Integer.toString(n + 1)).setX(n).setY(r));
            }
            stalls.addRows(row);
        }
        SeatMap.Builder seatMap = SeatMap.newBuilder().setStage(Point.newBuilder().setX(5).setY(-5));
        if (floor > 0) {
            seatMap.addSections(Section.newBuilder().setName("Floor").setKind(SectionKind.SECTION_KIND_STANDING).setCapacity(floor)
                    .setDefaultTier("B"));
        }
        Venue venue = GrpcTestCalls.as(VenueServiceGrpc.newBlockingStub(PARTICIPANTS.event.channel()), OWNER).createVenue(
                CreateVenueRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setOrganizationId(ORGANIZATION)
                        .setVenue(Venue.newBuilder().setName("Saga Hall").setCity("Berlin").setTimezone("Europe/Berlin").setCountryCode("DE")
                                .setSeatMap(seatMap.addSections(stalls))).build()).getVenue();
        var events = events();
        Event event = events.createEvent(CreateEventRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setOrganizationId(ORGANIZATION)
                .setEvent(Event.newBuilder().setTitle("Hamlet").setCategory(EventCategory.EVENT_CATEGORY_THEATRE)
                        .setDuration(Durations.fromMinutes(150))).build()).getEvent();
        Showtime showtime = events.createShowtime(CreateShowtimeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setEventId(event.getEventId()).setShowtime(Showtime.newBuilder().setVenueId(venue.getVenueId())
                        .setStartsAt(Timestamps.fromMillis(System.currentTimeMillis() + Duration.ofDays(10).toMillis()))
                        .addPriceTiers(PriceTier.newBuilder().setTier("A").setPrice(Money.newBuilder().setAmountMinor(4500).setCurrency("EUR")))
                        .addAllPriceTiers(floor > 0 ? List.of(PriceTier.newBuilder().setTier("B")
                                .setPrice(Money.newBuilder().setAmountMinor(3000).setCurrency("EUR")).build()) : List.of()))
                .build()).getShowtime();
        events.publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.getShowtimeId()).build());
        awaitInventory(showtime.getShowtimeId());
        return showtime.getShowtimeId();
    }

    static List<SeatAvailability> seats(String showtimeId) {
        return inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtimeId).build()).getSeatsList();
    }

    /** Holds the first {@code count} available seats for the customer; answers the hold id. */
    static String hold(String customer, String showtimeId, int count) {
        return hold(customer, showtimeId, count, false);
    }

    /** With {@code boxOffice}, a hold for the box office by {@code customer}, the organization's staff. */
    static String hold(String customer, String showtimeId, int count, boolean boxOffice) {
        List<String> free = seats(showtimeId).stream().filter(s -> s.getState() == SeatState.SEAT_STATE_AVAILABLE)
                .limit(count).map(SeatAvailability::getSeatId).toList();
        return inventory(customer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtimeId).addAllSeatIds(free).setBoxOffice(boxOffice).build()).getHold().getHoldId();
    }

    /** The organizer's refunds for customers of the showtime ended a second ago (its {@code customer_refunds_end}). */
    static Showtime endCustomerRefunds(String showtimeId) {
        return updateShowtime(showtimeId, "customer_refunds_end",
                showtime -> showtime.setCustomerRefundsEnd(Timestamps.fromMillis(System.currentTimeMillis() - 1000)));
    }

    /** The showtime's refund policy by time becomes these steps (its {@code customer_refund_steps}). */
    static Showtime setRefundSteps(String showtimeId, CustomerRefundStep... steps) {
        return updateShowtime(showtimeId, "customer_refund_steps",
                showtime -> showtime.clearCustomerRefundSteps().addAllCustomerRefundSteps(List.of(steps)));
    }

    /** event-service, as the showtimes' OWNER. */
    static EventServiceGrpc.EventServiceBlockingStub events() {
        return GrpcTestCalls.as(EventServiceGrpc.newBlockingStub(PARTICIPANTS.event.channel()), OWNER);
    }

    private static Showtime updateShowtime(String showtimeId, String field, UnaryOperator<Showtime.Builder> change) {
        var events = events();
        Showtime current = events.getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId).build()).getShowtime();
        return events.updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtime(change.apply(current.toBuilder())).setUpdateMask(FieldMask.newBuilder().addPaths(field)).build()).getShowtime();
    }

    /** Asks for the booking until {@code done} holds for it (a minute at most). */
    static Booking awaitBooking(BookingServiceGrpc.BookingServiceBlockingStub bookings, String bookingId, Predicate<Booking> done) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Booking booking = bookings.getBooking(GetBookingRequest.newBuilder().setBookingId(bookingId).build()).getBooking();
            if (done.test(booking)) {
                return booking;
            }
            assertThat(System.currentTimeMillis()).as("booking " + bookingId + " still " + booking.getStatus()).isLessThan(deadline);
            sleep(200);
        }
    }

    static boolean settled(Booking booking) {
        return booking.getStatus() != BookingStatus.BOOKING_STATUS_PENDING && booking.getStatus() != BookingStatus.BOOKING_STATUS_REQUIRES_ACTION;
    }

    private static void awaitInventory(String showtimeId) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                seats(showtimeId);
                return;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                sleep(200);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
