package io.ticketmesh.bench.holds;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.ticketmesh.bench.GrpcFutures;
import io.ticketmesh.bench.LoadPlan;
import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Options;
import io.ticketmesh.bench.Report;
import io.ticketmesh.bench.Scenario;
import io.ticketmesh.bench.local.BenchShowtime;
import io.ticketmesh.bench.local.LocalCustomers;
import io.ticketmesh.bench.local.LocalRest;
import io.ticketmesh.bench.local.DatabaseMeters;
import io.ticketmesh.bench.local.ServiceMeters;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code holds}: against the running local stack, many customers hold seats over gRPC on one large showtime. Each
 * client is a customer of its own with its own block of seats; most of its holds take the next pair of its block
 * (uncontended), some go for a small block every client wants (contended). A hold that succeeds is released
 * without waiting, so the hall never fills. The clients' calls are asynchronous, on one connection, each sent from
 * the thread that got the client's last answer ({@link LoadRunner#runAsync}). Afterwards the ticket database is
 * checked for seats held twice.
 */
public final class HoldsScenario implements Scenario {
    private static final int HOT_SEATS = 20;

    @Override
    public Report run(Options options) throws Exception {
        LoadPlan plan = LoadPlan.of(options, 100, 64, 30);
        int clients = plan.clients();
        String host = plan.host();
        int contendedPercent = options.integer("contended-percent", 15);

        LocalRest rest = new LocalRest(plan.gateway());
        BenchShowtime showtime = BenchShowtime.create(rest, plan.rows(), plan.perRow());
        System.out.printf("[bench] showtime %s: %,d seats; %d customers, %d%% of holds contended%n", showtime.id(), plan.seats(),
                clients, contendedPercent);
        List<String> tokens = LocalCustomers.of("jdbc:postgresql://" + host + ":15432/identity").tokens(clients);
        ManagedChannel channel = GrpcFutures.channel(host, 9092);
        try {
            List<String> seats = seatIds(channel, showtime.id());
            int block = (seats.size() - HOT_SEATS) / clients / 2 * 2;
            int[] cursor = new int[clients];
            ServiceMeters meters = new ServiceMeters(host, List.of(ServiceMeters.TICKET, ServiceMeters.WORKERS, ServiceMeters.REALTIME));
            DatabaseMeters database = new DatabaseMeters("jdbc:postgresql://" + host + ":15432/postgres", List.of("ticket"));
            List<InventoryServiceGrpc.InventoryServiceFutureStub> stubs = tokens.stream()
                    .map(token -> InventoryServiceGrpc.newFutureStub(channel).withInterceptors(LocalCustomers.bearer(token))).toList();
            LoadRunner.Result result = LoadRunner.runAsync(clients, plan.warmup(), plan.measured(), client -> () -> {
                var stub = stubs.get(client);
                boolean contended = ThreadLocalRandom.current().nextInt(100) < contendedPercent;
                int first = contended ? ThreadLocalRandom.current().nextInt(HOT_SEATS - 1)
                        : HOT_SEATS + client * block + (cursor[client] = (cursor[client] + 2) % block);
                HoldSeatsRequest request = HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                        .setShowtimeId(showtime.id()).addAllSeatIds(seats.subList(first, first + 2)).build();
                return GrpcFutures.of(stub.withDeadlineAfter(10, TimeUnit.SECONDS).holdSeats(request)).handle((held, failure) -> {
                    if (failure == null) {
                        stub.releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                                .setHoldId(held.getHold().getHoldId()).build());
                        return contended ? "contended_won" : "uncontended_held";
                    }
                    if (Status.fromThrowable(failure).getCode() == Status.Code.ABORTED) {
                        return contended ? "contended_refused" : "uncontended_refused";
                    }
                    throw new CompletionException(failure);
                });
            }, LoadRunner.Window.all(meters, database));
            Thread.sleep(2_000);
            Report report = report(result, clients, contendedPercent, showtime, host);
            meters.addTo(report);
            database.addTo(report, "hold", held(result));
            return report;
        } finally {
            channel.shutdownNow();
            showtime.cancel(rest);
        }
    }

    private static Report report(LoadRunner.Result result, int clients, int contendedPercent, BenchShowtime showtime, String host)
            throws Exception {
        LoadRunner.Latencies all = result.all();
        Report report = new Report("holds", "HoldSeats over gRPC (2 seats a hold), " + clients + " customers on this machine")
                .put("duration_s", result.durationSeconds()).put("clients", clients).put("contended_percent", contendedPercent)
                .put("attempts_per_s", result.perSecond()).put("holds_per_s", held(result) / result.durationSeconds())
                .put("p50_ms", all.percentileMillis(50)).put("p95_ms", all.percentileMillis(95)).put("p99_ms", all.percentileMillis(99))
                .put("max_ms", all.percentileMillis(100)).put("errors", result.errors()).put("first_error", String.valueOf(result.firstError()));
        result.byKind().forEach((kind, latencies) -> report.put(kind, latencies.count()).put("p99_ms_" + kind, latencies.percentileMillis(99)));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":15432/ticket", "postgres", "")) {
            report.put("double_held", DatabaseChecks.doubleHeld(c, showtime.id())).put("double_sold", DatabaseChecks.doubleSold(c, showtime.id()));
        }
        return report;
    }

    private static long held(LoadRunner.Result result) {
        return count(result, "uncontended_held") + count(result, "contended_won");
    }

    private static long count(LoadRunner.Result result, String kind) {
        var latencies = result.byKind().get(kind);
        return latencies == null ? 0 : latencies.count();
    }

    private static List<String> seatIds(ManagedChannel channel, String showtimeId) {
        return InventoryServiceGrpc.newBlockingStub(channel).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder()
                .setShowtimeId(showtimeId).build()).getSeatsList().stream().map(SeatAvailability::getSeatId).toList();
    }
}
