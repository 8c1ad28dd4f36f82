package io.ticketmesh.bench;

import io.ticketmesh.bench.bookings.BookingsScenario;
import io.ticketmesh.bench.floor.EchoServer;
import io.ticketmesh.bench.floor.FloorScenario;
import io.ticketmesh.bench.holds.HoldsScenario;
import io.ticketmesh.bench.live.LiveMapScenario;
import io.ticketmesh.bench.qr.QrScenario;
import io.ticketmesh.bench.search.SearchScenario;
import io.ticketmesh.bench.seatmap.SeatMapScenario;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./ticketmesh bench SCENARIO [--option value ...]}: runs one load scenario and prints a human summary
 * followed, as its last line, by one JSON object with the figures.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        if (args[0].equals(EchoServer.BENCH_COMMAND)) {
            EchoServer.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        try {
            run(args);
        } catch (Options.BadOption bad) {
            System.err.println("bench: " + bad.getMessage());
            usage();
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        Options options = Options.parse(args);
        Map<String, Scenario> scenarios = new TreeMap<>(Map.of("search", new SearchScenario(), "holds", new HoldsScenario(),
                "bookings", new BookingsScenario(), "seatmap", new SeatMapScenario(), "floor", new FloorScenario(),
                "live", new LiveMapScenario(), "qr", new QrScenario()));
        Scenario scenario = scenarios.get(args[0]);
        if (scenario == null) {
            System.err.println("unknown scenario " + args[0] + "; scenarios: " + scenarios.keySet());
            System.exit(2);
        }
        Report report = scenario.run(options);
        System.out.println(report.human());
        System.out.println(report.json());
    }

    private static void usage() {
        System.err.println("""
                usage: ./ticketmesh bench SCENARIO [--option value ...]
                  search   full-text search over 100,000 events: --events N --clients N --warmup-s N --duration-s N
                  holds    holds over gRPC against the running local stack: --clients N --rows N --seats-per-row N
                           --contended-percent N --warmup-s N --duration-s N
                  bookings hold + book with the approving card over gRPC against the running local stack:
                           --clients N --rows N --seats-per-row N --warmup-s N --duration-s N
                  seatmap  seat map reads of a 50,000-seat showtime against the running local stack, over gRPC or REST:
                           --via grpc|rest --view full|states --encoding identity|gzip (REST) --clients N --rows N
                           --seats-per-row N --warmup-s N --duration-s N
                  live     holds seen on many open seat maps (realtime-service's stream) against the running local stack:
                           --watchers N --holds-per-s N --clients N --rows N --seats-per-row N --warmup-s N --duration-s N
                  floor    the cheapest step of the others, bare, to read their figures against (starts what it needs):
                           --call grpc|sql --clients N --warmup-s N --duration-s N; for grpc also
                           --executor virtual|direct --connections N
                  qr       a ticket's QR code drawn as the tickets mail draws it (needs only a build):
                           --threads N --warmup-s N --duration-s N
                """);
    }
}
