package io.ticketmesh.bench.seatmap;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.ticketmesh.bench.LoadPlan;
import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Options;
import io.ticketmesh.bench.Report;
import io.ticketmesh.bench.Scenario;
import io.ticketmesh.bench.local.BenchShowtime;
import io.ticketmesh.bench.local.DatabaseMeters;
import io.ticketmesh.bench.local.LocalRest;
import io.ticketmesh.bench.local.ServiceMeters;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.SeatMapView;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * {@code seatmap}: against the running local stack, many visitors open the seat map of one large showtime (50,000
 * seats by default) at once: GetSeatAvailability over gRPC, or with {@code --via rest} the gateway's
 * {@code GET /api/v1/showtimes/{id}/seats} as a browser reads it (JSON); with {@code --view states} only the seats'
 * states (a byte, or a letter, a seat). Each answer is checked to hold every seat.
 */
public final class SeatMapScenario implements Scenario {
    @Override
    public Report run(Options options) throws Exception {
        LoadPlan plan = LoadPlan.of(options, 250, 16, 20);
        int clients = plan.clients();
        String host = plan.host();
        boolean rest = options.choice("via", "grpc", "rest").equals("rest");
        String view = options.choice("view", "full", "states");
        boolean statesOnly = view.equals("states");
        boolean gzip = options.choice("encoding", "identity", "gzip").equals("gzip");

        LocalRest organizer = new LocalRest(plan.gateway());
        BenchShowtime showtime = BenchShowtime.create(organizer, plan.rows(), plan.perRow());
        int seats = plan.seats();
        System.out.printf("[bench] showtime %s: %,d seats; %d visitors reading its seat map (%s view) over %s%n", showtime.id(), seats,
                clients, view, rest ? "REST" : "gRPC");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest restRequest = HttpRequest.newBuilder(URI.create(plan.gateway() + "/api/v1/showtimes/" + showtime.id()
                + "/seats?view=" + view)).header("Accept-Encoding", gzip ? "gzip" : "identity").timeout(Duration.ofSeconds(30)).build();
        ManagedChannel channel = ManagedChannelBuilder.forAddress(host, 9092).usePlaintext().maxInboundMessageSize(64 << 20).build();
        GetSeatAvailabilityRequest request = GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtime.id())
                .setView(statesOnly ? SeatMapView.SEAT_MAP_VIEW_STATES : SeatMapView.SEAT_MAP_VIEW_FULL).build();
        try {
            int bytes = rest ? http.send(restRequest, HttpResponse.BodyHandlers.ofByteArray()).body().length
                    : InventoryServiceGrpc.newBlockingStub(channel).getSeatAvailability(request).getSerializedSize();
            ServiceMeters meters = new ServiceMeters(host, rest ? List.of(ServiceMeters.TICKET, ServiceMeters.GATEWAY)
                    : List.of(ServiceMeters.TICKET));
            DatabaseMeters database = new DatabaseMeters("jdbc:postgresql://" + host + ":15432/postgres", List.of("ticket"));
            LoadRunner.Result result = LoadRunner.run(clients, plan.warmup(), plan.measured(), client -> () -> {
                int listed = rest ? seatsInJson(http.send(restRequest, HttpResponse.BodyHandlers.ofByteArray()), statesOnly)
                        : seatsIn(InventoryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .getSeatAvailability(request));
                if (listed != seats) {
                    throw new IllegalStateException("the seat map listed " + listed + " of " + seats + " seats");
                }
                return "read";
            }, LoadRunner.Window.all(meters, database));
            LoadRunner.Latencies all = result.all();
            Report report = new Report("seatmap", (rest ? "GET /api/v1/showtimes/{id}/seats (JSON)" : "GetSeatAvailability over gRPC")
                    + ", " + view + " view, on a " + seats + "-seat showtime, " + clients + " visitors on this machine")
                    .put("via", rest ? "rest" : "grpc").put("view", view).put("encoding", rest && gzip ? "gzip" : "identity")
                    .put("duration_s", result.durationSeconds()).put("clients", clients).put("seats", seats).put("answer_bytes", bytes)
                    .put("reads_per_s", result.perSecond()).put("p50_ms", all.percentileMillis(50))
                    .put("p95_ms", all.percentileMillis(95)).put("p99_ms", all.percentileMillis(99)).put("max_ms", all.percentileMillis(100))
                    .put("errors", result.errors()).put("first_error", String.valueOf(result.firstError()));
            meters.addTo(report);
            database.addTo(report, "read", all.count());
            return report;
        } finally {
            channel.shutdownNow();
            showtime.cancel(organizer);
        }
    }

    /** How many seats an answer lists, in full or by their states. */
    private static int seatsIn(GetSeatAvailabilityResponse map) {
        return map.getSeatsCount() + map.getSeatStates().size();
    }

    /**
     * How many seats a JSON seat map lists (its {@code seat_id} fields, or the letters of its {@code states}); fails on
     * any answer but 200.
     */
    private static int seatsInJson(HttpResponse<byte[]> response, boolean statesOnly) throws IOException {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the gateway answered " + response.statusCode());
        }
        String body = text(response);
        if (statesOnly) {
            int start = body.indexOf("\"states\":\"") + "\"states\":\"".length();
            return body.indexOf('"', start) - start;
        }
        int count = 0;
        for (int at = body.indexOf("\"seat_id\""); at >= 0; at = body.indexOf("\"seat_id\"", at + 1)) {
            count++;
        }
        return count;
    }

    /** The answer's body as text, unzipped when it came gzipped (as a browser does). */
    private static String text(HttpResponse<byte[]> response) throws IOException {
        boolean gzipped = response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent();
        if (!gzipped) {
            return new String(response.body(), StandardCharsets.UTF_8);
        }
        try (var unzipped = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
