package io.ticketmesh.bench.search;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Options;
import io.ticketmesh.bench.Report;
import io.ticketmesh.bench.Scenario;
import io.ticketmesh.embedded.ServiceJar;
import io.ticketmesh.embedded.EmbeddedPostgresServer;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code search}: event-service's SearchEvents over gRPC with 100,000 events in its database. It needs no running
 * stack: it starts a throw-away PostgreSQL and event-service's built jar (outbox relay off, so nothing reaches the
 * rest of the platform), loads the catalog with SQL, then runs the query mix from several closed-loop clients.
 */
public final class SearchScenario implements Scenario {
    private static final String DATABASE = "event_bench";

    @Override
    public Report run(Options options) throws Exception {
        int events = options.integer("events", 100_000);
        int clients = options.integer("clients", 2);
        Duration warmup = Duration.ofSeconds(options.integer("warmup-s", 15));
        Duration measured = Duration.ofSeconds(options.integer("duration-s", 30));
        Path work = Files.createTempDirectory("ticketmesh-bench-search");
        int grpcPort = FreePorts.next();
        int httpPort = FreePorts.next();
        System.out.println("[bench] starting PostgreSQL and event-service (logs in " + work + ")");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, null)) {
            postgres.ensureDatabase(DATABASE);
            Map<String, String> environment = Map.of("DATABASE_URL", postgres.jdbcUrl(DATABASE), "DATABASE_USER", postgres.username(),
                    "GRPC_PORT", Integer.toString(grpcPort), "HTTP_PORT", Integer.toString(httpPort),
                    "TICKETMESH_OUTBOX_ENABLED", "false");
            try (ServiceJar service = ServiceJar.start("event-service", environment, work.resolve("event-service.log"),
                    "-XX:+UseSerialGC", "-Xmx512m")) {
                service.awaitReady(httpPort, Duration.ofMinutes(3));
                long loadStart = System.nanoTime();
                int showtimes;
                List<String> titles = new ArrayList<>();
                try (Connection c = postgres.dataSource(DATABASE).getConnection()) {
                    showtimes = BenchCatalog.load(c, events, BenchCatalog.titleWords(3000));
                    try (var rs = c.createStatement().executeQuery("select title from events order by random() limit 2000")) {
                        while (rs.next()) {
                            titles.add(rs.getString(1));
                        }
                    }
                }
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                System.out.printf("[bench] loaded %,d events with %,d showtimes in %.1f s; %d clients, %s warm-up, %s measured%n",
                        events, showtimes, loadSeconds, clients, warmup, measured);
                return measure(grpcPort, clients, warmup, measured, new QueryMix(titles))
                        .put("events", events).put("showtimes", showtimes).put("load_s", loadSeconds);
            }
        }
    }

    private static Report measure(int port, int clients, Duration warmup, Duration measured, QueryMix mix) throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            EventServiceGrpc.EventServiceBlockingStub stub = EventServiceGrpc.newBlockingStub(channel);
            long[] hits = new long[1];
            LoadRunner.Result result = LoadRunner.run(clients, warmup, measured, client -> () -> {
                QueryMix.Query query = mix.next();
                int found = stub.withDeadlineAfter(10, TimeUnit.SECONDS).searchEvents(query.request()).getHitsCount();
                synchronized (hits) {
                    hits[0] += found;
                }
                return query.kind();
            });
            LoadRunner.Latencies all = result.all();
            Report report = new Report("search", "SearchEvents over gRPC, " + clients + " closed-loop clients on this machine")
                    .put("duration_s", result.durationSeconds()).put("clients", clients)
                    .put("searches", all.count()).put("searches_per_s", result.perSecond())
                    .put("p50_ms", all.percentileMillis(50)).put("p95_ms", all.percentileMillis(95))
                    .put("p99_ms", all.percentileMillis(99)).put("max_ms", all.percentileMillis(100))
                    .put("errors", result.errors()).put("first_error", String.valueOf(result.firstError()))
                    .put("mean_hits", all.count() == 0 ? 0.0 : (double) hits[0] / all.count());
            result.byKind().forEach((kind, latencies) -> report.put("p99_ms_" + kind, latencies.percentileMillis(99)));
            return report;
        } finally {
            channel.shutdownNow();
        }
    }
}
