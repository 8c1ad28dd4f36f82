package io.ticketmesh.bench.live;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.bench.GrpcFutures;
import io.ticketmesh.bench.LoadPlan;
import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Options;
import io.ticketmesh.bench.Report;
import io.ticketmesh.bench.Scenario;
import io.ticketmesh.bench.local.BenchShowtime;
import io.ticketmesh.bench.local.LocalCustomers;
import io.ticketmesh.bench.local.LocalRest;
import io.ticketmesh.bench.local.ServiceMeters;
import io.ticketmesh.proto.realtime.v1.RealtimeServiceGrpc;
import io.ticketmesh.proto.realtime.v1.WatchShowtimeRequest;
import io.ticketmesh.proto.realtime.v1.WatchShowtimeResponse;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.SeatStateChange;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code live}: against the running local stack, many open seat maps (gRPC WatchShowtime streams on realtime-service,
 * the feed the WebSocket carries too) watch one showtime while customers hold seats at a steady pace (each hold
 * released at once). Measures how long after a hold is sent every open map shows it (ticket-service, its outbox,
 * Kafka, workers, Redis, realtime-service), how many (hold, map) deliveries are missing 3 s after the last hold, and
 * whether any map saw a version gap.
 */
public final class LiveMapScenario implements Scenario {
    @Override
    public Report run(Options options) throws Exception {
        LoadPlan plan = LoadPlan.of(options, 10, 8, 20);
        int watchers = options.integer("watchers", 200);
        int perSecond = options.integer("holds-per-s", 50);
        String host = plan.host();
        LocalRest rest = new LocalRest(plan.gateway());
        BenchShowtime showtime = BenchShowtime.create(rest, plan.rows(), plan.perRow());
        System.out.printf("[bench] showtime %s: %,d seats; %d open maps; %d customers holding %d times a second%n", showtime.id(),
                plan.seats(), watchers, plan.clients(), perSecond);
        List<String> tokens = LocalCustomers.of("jdbc:postgresql://" + host + ":15432/identity").tokens(plan.clients());
        ManagedChannel ticket = GrpcFutures.channel(host, 9092);
        ManagedChannel realtime = ManagedChannelBuilder.forAddress(host, 9095).usePlaintext().build();
        Deliveries deliveries = new Deliveries();
        try {
            List<String> seats = InventoryServiceGrpc.newBlockingStub(ticket).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder()
                    .setShowtimeId(showtime.id()).build()).getSeatsList().stream().map(SeatAvailability::getSeatId).toList();
            CountDownLatch ready = new CountDownLatch(watchers);
            for (int i = 0; i < watchers; i++) {
                RealtimeServiceGrpc.newStub(realtime).watchShowtime(WatchShowtimeRequest.newBuilder().setShowtimeId(showtime.id()).build(),
                        new MapWatcher(deliveries, ready));
            }
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(ready.getCount() + " of " + watchers + " maps got no snapshot in 60 s");
            }
            ServiceMeters meters = new ServiceMeters(host, List.of(ServiceMeters.TICKET, ServiceMeters.WORKERS, ServiceMeters.REALTIME));
            int holds = hold(plan, perSecond, tokens, seats, ticket, showtime.id(), deliveries, meters);
            Thread.sleep(3_000);
            return report(plan, watchers, perSecond, holds, deliveries, meters);
        } finally {
            realtime.shutdownNow();
            ticket.shutdownNow();
            showtime.cancel(rest);
        }
    }

    /** Sends holds at the pace asked, each customer over its own block of seats; answers how many were measured. */
    private static int hold(LoadPlan plan, int perSecond, List<String> tokens, List<String> seats, ManagedChannel ticket, String showtimeId,
                            Deliveries deliveries, LoadRunner.Window window) throws InterruptedException {
        int customers = tokens.size();
        int block = seats.size() / customers / 2 * 2;
        int[] cursor = new int[customers];
        List<InventoryServiceGrpc.InventoryServiceFutureStub> stubs = tokens.stream()
                .map(token -> InventoryServiceGrpc.newFutureStub(ticket).withInterceptors(LocalCustomers.bearer(token))).toList();
        long start = System.nanoTime();
        long measureFrom = start + plan.warmup().toNanos();
        long end = measureFrom + plan.measured().toNanos();
        boolean opened = false;
        for (long n = 0; ; n++) {
            long due = start + n * 1_000_000_000L / perSecond;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!opened && due >= measureFrom) {
                window.opened();
                opened = true;
            }
            int customer = (int) (n % customers);
            int first = customer * block + (cursor[customer] = (cursor[customer] + 2) % block);
            String seat = seats.get(first);
            var stub = stubs.get(customer);
            deliveries.sent(seat, due >= measureFrom);
            GrpcFutures.of(stub.withDeadlineAfter(10, TimeUnit.SECONDS).holdSeats(HoldSeatsRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtimeId).addAllSeatIds(seats.subList(first, first + 2)).build()))
                    .whenComplete((held, failure) -> {
                        if (failure != null) {
                            deliveries.refused(seat);
                        } else {
                            stub.releaseHold(ReleaseHoldRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                                    .setHoldId(held.getHold().getHoldId()).build());
                        }
                    });
        }
        window.closed();
        return deliveries.measuredHolds();
    }

    private static Report report(LoadPlan plan, int watchers, int perSecond, int holds, Deliveries deliveries, ServiceMeters meters) {
        long[] sorted = deliveries.sorted();
        double seconds = plan.measured().toMillis() / 1000.0;
        Report report = new Report("live", "holds seen on " + watchers + " open seat maps (WatchShowtime), " + perSecond
                + " holds a second, " + plan.seats() + " seats, on this machine")
                .put("duration_s", seconds).put("watchers", watchers).put("holds_per_s_asked", perSecond)
                .put("holds_measured", holds).put("deliveries_per_s", sorted.length / seconds)
                .put("p50_ms", percentile(sorted, 50)).put("p99_ms", percentile(sorted, 99)).put("max_ms", percentile(sorted, 100))
                .put("missed", deliveries.missed(watchers)).put("gaps", deliveries.gaps());
        meters.addTo(report);
        return report;
    }

    private static double percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(percentile / 100 * sorted.length) - 1));
        return Math.round(sorted[index] / 10_000.0) / 100.0;
    }

    /** One open map: counts each seat it sees HELD, and any message that does not follow the version it had. */
    private static final class MapWatcher implements StreamObserver<WatchShowtimeResponse> {
        private final Deliveries deliveries;
        private final CountDownLatch ready;
        private long version = -1;

        MapWatcher(Deliveries deliveries, CountDownLatch ready) {
            this.deliveries = deliveries;
            this.ready = ready;
        }

        @Override
        public void onNext(WatchShowtimeResponse message) {
            if (message.hasSnapshot()) {
                version = message.getSnapshot().getVersion();
                ready.countDown();
                return;
            }
            if (message.getChanges().getPreviousVersion() != version) {
                deliveries.gap();
            }
            version = message.getChanges().getVersion();
            for (SeatStateChange change : message.getChanges().getChangesList()) {
                if (change.getState() == SeatState.SEAT_STATE_HELD) {
                    deliveries.received(change.getSeatId());
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            ready.countDown();
        }

        @Override
        public void onCompleted() {
        }
    }
}
