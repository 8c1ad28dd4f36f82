package io.ticketmesh.bench.bookings;

import io.grpc.ManagedChannel;
import io.ticketmesh.bench.GrpcFutures;
import io.ticketmesh.bench.LoadPlan;
import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Options;
import io.ticketmesh.bench.Report;
import io.ticketmesh.bench.Scenario;
import io.ticketmesh.bench.local.BenchShowtime;
import io.ticketmesh.bench.local.DatabaseMeters;
import io.ticketmesh.bench.local.LocalCustomers;
import io.ticketmesh.bench.local.LocalRest;
import io.ticketmesh.bench.local.ServiceMeters;
import io.ticketmesh.reconciliation.Reconciliation;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingServiceGrpc;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.proto.payment.v1.Card;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bookings}: against the running local stack, many customers each hold two seats over gRPC and book them
 * with the approving test card, end to end (hold, price, authorize, confirm the hold, capture, issue tickets) on
 * one large showtime. A call counts from the hold until the booking is settled. Afterwards the bookings, the card
 * provider's books and the seat map are reconciled, and the bench waits for every booking's tickets mail
 * ({@link TicketMails}); then the showtime is cancelled, which refunds its bookings, and
 * the bench waits for those refunds so that a next run starts on a quiet stack.
 */
public final class BookingsScenario implements Scenario {
    private static final Card APPROVED = Card.newBuilder().setNumber("4242424242424242").setExpMonth(12).setExpYear(2035).setCvc("123").build();
    /** The bench showtime allows 100 tickets a customer: a client becomes a new customer every 40 bookings of 2 seats. */
    private static final int BOOKINGS_PER_CUSTOMER = 40;

    @Override
    public Report run(Options options) throws Exception {
        LoadPlan plan = LoadPlan.of(options, 150, 64, 30);
        int clients = plan.clients();
        String host = plan.host();

        LocalRest rest = new LocalRest(plan.gateway());
        BenchShowtime showtime = BenchShowtime.create(rest, plan.rows(), plan.perRow());
        System.out.printf("[bench] showtime %s: %,d seats; %d customers booking 2 seats at a time%n", showtime.id(), plan.seats(), clients);
        LocalCustomers customers = LocalCustomers.of(jdbc(host, "identity"));
        ManagedChannel tickets = GrpcFutures.channel(host, 9092);
        ManagedChannel bookings = GrpcFutures.channel(host, 9093);
        boolean cancelled = false;
        try {
            List<String> seats = InventoryServiceGrpc.newBlockingStub(tickets).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder()
                    .setShowtimeId(showtime.id()).build()).getSeatsList().stream().map(SeatAvailability::getSeatId).toList();
            int block = seats.size() / clients / 2 * 2;
            int[] made = new int[clients];
            Customer[] customer = new Customer[clients];
            ServiceMeters meters = new ServiceMeters(host, List.of(ServiceMeters.BOOKING, ServiceMeters.TICKET, ServiceMeters.PAYMENT,
                    ServiceMeters.WORKERS, ServiceMeters.EVENT));
            DatabaseMeters database = new DatabaseMeters(jdbc(host, "postgres"), List.of("booking", "payment", "ticket"));
            LoadRunner.Result result = LoadRunner.runAsync(clients, plan.warmup(), plan.measured(), client -> () -> {
                if (made[client] % BOOKINGS_PER_CUSTOMER == 0) {
                    customer[client] = new Customer(tickets, bookings, customers.newCustomer());
                }
                int first = client * block + (made[client]++ * 2) % block;
                return customer[client].book(showtime.id(), seats.subList(first, first + 2));
            }, LoadRunner.Window.all(meters, database));
            System.out.println("[bench] load over; waiting for every saga to settle, then reconciling");
            Report report = report(result, clients, showtime, host);
            meters.addTo(report);
            database.addTo(report, "booking", count(result, "confirmed"));
            showtime.cancel(rest);
            cancelled = true;
            System.out.println("[bench] showtime cancelled; waiting while booking-service refunds its bookings");
            return report.put("cancellation_refunds_per_s", awaitRefunds(host, showtime.id()));
        } finally {
            tickets.shutdownNow();
            bookings.shutdownNow();
            if (!cancelled) {
                showtime.cancel(rest);
            }
        }
    }

    /**
     * The organizer's cancellation refunds every booking of the showtime in the background; a next run would
     * compete with it, so the bench waits for it and reports its pace (0 if it did not finish within 5 minutes).
     */
    private static double awaitRefunds(String host, String showtimeId) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        try (Connection db = DriverManager.getConnection(jdbc(host, "booking"), "postgres", "");
             var statement = db.prepareStatement("select count(*) filter (where status in ('CONFIRMED', 'PARTIALLY_CANCELLED')), "
                     + "count(*) filter (where status = 'CANCELLED') from bookings where showtime_id = ?")) {
            statement.setObject(1, UUID.fromString(showtimeId));
            while (System.nanoTime() < deadline) {
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return rows.getLong(2) / Math.max(0.001, (System.nanoTime() - start) / 1e9);
                    }
                }
                Thread.sleep(500);
            }
        }
        return 0;
    }

    /** One customer's calls, made with its token. */
    private record Customer(InventoryServiceGrpc.InventoryServiceFutureStub tickets, BookingServiceGrpc.BookingServiceFutureStub bookings) {
        Customer(ManagedChannel tickets, ManagedChannel bookings, String token) {
            this(InventoryServiceGrpc.newFutureStub(tickets).withInterceptors(LocalCustomers.bearer(token)),
                    BookingServiceGrpc.newFutureStub(bookings).withInterceptors(LocalCustomers.bearer(token)));
        }

        /** Holds the seats and books them; answers "confirmed" or "failed", once the booking is settled. */
        CompletableFuture<String> book(String showtimeId, List<String> seatIds) {
            return GrpcFutures.of(tickets.withDeadlineAfter(10, TimeUnit.SECONDS).holdSeats(HoldSeatsRequest.newBuilder()
                            .setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtimeId).addAllSeatIds(seatIds).build()))
                    .thenCompose(held -> GrpcFutures.of(bookings.withDeadlineAfter(30, TimeUnit.SECONDS).createBooking(
                            CreateBookingRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                                    .setHoldId(held.getHold().getHoldId()).setCard(APPROVED).build())))
                    .thenCompose(created -> settled(created.getBooking()))
                    .thenApply(booking -> booking.getStatus() == BookingStatus.BOOKING_STATUS_CONFIRMED ? "confirmed" : "failed");
        }

        /** The booking once it is no longer PENDING, asked for again every 20 ms. */
        private CompletableFuture<Booking> settled(Booking booking) {
            if (booking.getStatus() != BookingStatus.BOOKING_STATUS_PENDING) {
                return CompletableFuture.completedFuture(booking);
            }
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
                    .thenCompose(waited -> GrpcFutures.of(bookings.withDeadlineAfter(10, TimeUnit.SECONDS).getBooking(
                            GetBookingRequest.newBuilder().setBookingId(booking.getBookingId()).build())))
                    .thenCompose(answer -> settled(answer.getBooking()));
        }
    }

    private static Report report(LoadRunner.Result result, int clients, BenchShowtime showtime, String host) throws Exception {
        long confirmed = count(result, "confirmed");
        LoadRunner.Latencies all = result.all();
        Report report = new Report("bookings", "hold + CreateBooking over gRPC (2 seats, approving card), " + clients
                + " customers on this machine")
                .put("duration_s", result.durationSeconds()).put("clients", clients)
                .put("bookings_per_s", confirmed / result.durationSeconds())
                .put("p50_ms", all.percentileMillis(50)).put("p95_ms", all.percentileMillis(95)).put("p99_ms", all.percentileMillis(99))
                .put("max_ms", all.percentileMillis(100)).put("confirmed", confirmed)
                .put("failed", count(result, "failed") + result.errors()).put("first_error", String.valueOf(result.firstError()));
        try (Connection booking = DriverManager.getConnection(jdbc(host, "booking"), "postgres", "");
             Connection payment = DriverManager.getConnection(jdbc(host, "payment"), "postgres", "");
             Connection ticket = DriverManager.getConnection(jdbc(host, "ticket"), "postgres", "");
             Connection workers = DriverManager.getConnection(jdbc(host, "workers"), "postgres", "")) {
            awaitSettled(booking, showtime.id());
            Reconciliation.Findings books = Reconciliation.check(booking, payment, ticket, UUID.fromString(showtime.id()));
            report.put("bookings_in_db", books.bookings()).put("unsettled", books.unsettled())
                    .put("double_charged", books.doubleCharged()).put("unreconciled", books.unreconciled());
            books.problems().stream().limit(10).forEach(problem -> System.out.println("[bench] unreconciled: " + problem));
            System.out.println("[bench] waiting for the tickets mail of every confirmed booking");
            TicketMails.addTo(report, booking, workers, showtime.id());
        }
        return report;
    }

    /** Bookings whose client timed out may still be running; reconciliation needs them finished. */
    private static void awaitSettled(Connection db, String showtimeId) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (var statement = db.prepareStatement("select count(*) from bookings where showtime_id = ? and saga_state <> 'DONE'")) {
            statement.setObject(1, UUID.fromString(showtimeId));
            while (System.nanoTime() < deadline) {
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(500);
            }
        }
    }

    private static long count(LoadRunner.Result result, String kind) {
        var latencies = result.byKind().get(kind);
        return latencies == null ? 0 : latencies.count();
    }

    private static String jdbc(String host, String database) {
        return "jdbc:postgresql://" + host + ":15432/" + database;
    }
}
