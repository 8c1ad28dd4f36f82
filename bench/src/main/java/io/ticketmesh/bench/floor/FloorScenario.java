package io.ticketmesh.bench.floor;

import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Options;
import io.ticketmesh.bench.Report;
import io.ticketmesh.bench.Scenario;
import java.time.Duration;

/**
 * {@code floor}: what the cheapest possible step of the other scenarios costs on this machine, so their figures can
 * be read against it: a bare gRPC call ({@code --call grpc}, {@link GrpcFloor}) or a bare statement's round trip to
 * PostgreSQL ({@code --call sql}, {@link SqlFloor}). An operation made of n such steps cannot go faster here than the
 * floor's rate divided by n, whatever else it does; the load generator shares the machine as it does in the others.
 */
public final class FloorScenario implements Scenario {
    @Override
    public Report run(Options options) throws Exception {
        String call = options.choice("call", "grpc", "sql");
        Duration warmup = Duration.ofSeconds(options.integer("warmup-s", 10));
        Duration measured = Duration.ofSeconds(options.integer("duration-s", 20));
        return call.equals("grpc") ? GrpcFloor.run(options, warmup, measured) : SqlFloor.run(options, warmup, measured);
    }

    /** What every floor reports of its run. */
    static Report report(String call, String title, int clients, LoadRunner.Result result) {
        LoadRunner.Latencies all = result.all();
        return new Report("floor", title).put("call", call).put("duration_s", result.durationSeconds()).put("clients", clients)
                .put("calls_per_s", result.perSecond()).put("p50_ms", all.percentileMillis(50)).put("p99_ms", all.percentileMillis(99))
                .put("errors", result.errors()).put("first_error", String.valueOf(result.firstError()));
    }
}
