package io.ticketmesh.bench.local;

import io.ticketmesh.bench.Report;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the measured window's time and CPU went, read from the running local stack: each service's CPU time
 * ({@code process_cpu_time_ns_total}) and the mean time its gRPC server took per method ({@code grpc_server_seconds}),
 * both from its {@code /actuator/prometheus}; the bench's own CPU; and, where {@code /proc} exists, how busy the
 * whole machine was and PostgreSQL's CPU (all its processes). Read as the window opens and as it closes; the report
 * gets the difference. A service that does not answer is left out of the figures, never fails the run.
 */
public final class ServiceMeters extends SnapshotWindow<ServiceMeters.Snapshot> {
    /** A service of the local stack: its short name and its actuator port. */
    public record Service(String name, int actuatorPort) {}

    public static final Service EVENT = new Service("event", 8091);
    public static final Service TICKET = new Service("ticket", 8092);
    public static final Service BOOKING = new Service("booking", 8093);
    public static final Service PAYMENT = new Service("payment", 8094);
    /** The REST gateway serves its actuator on its own port. */
    public static final Service GATEWAY = new Service("gateway", 8080);
    /** realtime-service's actuator shares the WebSocket's port. */
    public static final Service REALTIME = new Service("realtime", 8081);
    public static final Service WORKERS = new Service("workers", 8096);

    /** One service's readings: CPU time and, per gRPC method it serves, calls and seconds spent. */
    record Readings(long cpuNanos, Map<String, Timer> serverTimers) {}

    /** Calls of one method and the seconds they took, summed over outcomes. */
    record Timer(long count, double seconds) {
        Timer plus(Timer other) {
            return new Timer(count + other.count, seconds + other.seconds);
        }
    }

    /**
     * Everything read at one moment; {@code machineTicks} is {busy, total} and {@code postgresTicks} the CPU of every
     * process named postgres, in clock ticks, or null and -1 where /proc does not tell.
     */
    record Snapshot(long nanoTime, Map<String, Readings> services, long benchCpuNanos, long[] machineTicks, long postgresTicks) {}

    /** Clock ticks a second in /proc (USER_HZ, 100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100;

    private static final Pattern SERVER_TIMER = Pattern.compile(
            "^grpc_server_seconds_(count|sum)\\{[^}]*rpc_method=\"(\\w+)\"[^}]*} (\\S+)$");
    private static final String CPU_TIME = "process_cpu_time_ns_total ";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String host;
    private final List<Service> services;

    public ServiceMeters(String host, List<Service> services) {
        this.host = host;
        this.services = services;
    }

    /**
     * Adds what the window cost: {@code machine_busy}, {@code cores_<service>}, {@code cores_postgres},
     * {@code cores_bench}, {@code server_ms_<service>_<Method>}.
     */
    public void addTo(Report report) {
        if (complete()) {
            difference(atOpen(), atClose()).forEach(report::put);
        }
    }

    static Map<String, Double> difference(Snapshot from, Snapshot to) {
        Map<String, Double> figures = new LinkedHashMap<>();
        double seconds = (to.nanoTime() - from.nanoTime()) / 1e9;
        if (from.machineTicks() != null && to.machineTicks() != null) {
            long total = to.machineTicks()[1] - from.machineTicks()[1];
            figures.put("machine_busy", total == 0 ? 0 : (double) (to.machineTicks()[0] - from.machineTicks()[0]) / total);
        }
        to.services().forEach((name, after) -> {
            Readings before = from.services().get(name);
            if (before != null) {
                figures.put("cores_" + name, (after.cpuNanos() - before.cpuNanos()) / 1e9 / seconds);
            }
        });
        if (from.postgresTicks() >= 0 && to.postgresTicks() >= 0) {
            figures.put("cores_postgres", (to.postgresTicks() - from.postgresTicks()) / TICKS_PER_SECOND / seconds);
        }
        figures.put("cores_bench", (to.benchCpuNanos() - from.benchCpuNanos()) / 1e9 / seconds);
        to.services().forEach((name, after) -> {
            Readings before = from.services().get(name);
            if (before == null) {
                return;
            }
            after.serverTimers().forEach((method, timer) -> {
                Timer earlier = before.serverTimers().getOrDefault(method, new Timer(0, 0));
                long calls = timer.count() - earlier.count();
                if (calls > 0) {
                    figures.put("server_ms_" + name + "_" + method, (timer.seconds() - earlier.seconds()) / calls * 1000);
                }
            });
        });
        return figures;
    }

    @Override
    protected Snapshot take() {
        Map<String, Readings> readings = new LinkedHashMap<>();
        for (Service service : services) {
            try {
                readings.put(service.name(), parse(scrape(service)));
            } catch (IOException | RuntimeException e) {
                System.out.println("[bench] no metrics from " + service.name() + "-service: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long benchCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new Snapshot(System.nanoTime(), readings, benchCpu, machineTicks(), postgresTicks());
    }

    private String scrape(Service service) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + service.actuatorPort() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("actuator answered " + response.statusCode());
        }
        return response.body();
    }

    /** Reads the CPU time and the gRPC server timers out of a Prometheus text exposition. */
    static Readings parse(String exposition) {
        long cpuNanos = -1;
        Map<String, Timer> timers = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith(CPU_TIME)) {
                cpuNanos = (long) Double.parseDouble(line.substring(CPU_TIME.length()).trim());
                continue;
            }
            Matcher timer = SERVER_TIMER.matcher(line);
            if (timer.matches()) {
                double value = Double.parseDouble(timer.group(3));
                Timer part = timer.group(1).equals("count") ? new Timer((long) value, 0) : new Timer(0, value);
                timers.merge(timer.group(2), part, Timer::plus);
            }
        }
        if (cpuNanos < 0) {
            throw new IllegalArgumentException("no " + CPU_TIME.trim() + " in the exposition");
        }
        return new Readings(cpuNanos, timers);
    }

    /** {busy, total} jiffies of the machine from /proc/stat's first line (idle and iowait are not busy); null elsewhere. */
    private static long[] machineTicks() {
        try {
            return ticks(Files.readAllLines(Path.of("/proc/stat")).getFirst());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * User and system clock ticks of every process named postgres (the server and its backends), with those of its
     * ended children (a backend's ticks pass to the server as it ends, so the sum only grows); -1 without /proc.
     */
    private static long postgresTicks() {
        try (var processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> processTicks(p.resolve("stat"), "postgres")).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime + cutime + cstime of a /proc/PID/stat whose command is {@code command}; 0 for any other (or one that has ended). */
    static long processTicks(Path stat, String command) {
        try {
            return ticksOf(Files.readString(stat), command);
        } catch (IOException e) {
            return 0;
        }
    }

    static long ticksOf(String stat, String command) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || !stat.substring(open + 1, close).equals(command)) {
            return 0;
        }
        // after the command: state (field 3) ... utime (14), stime (15), cutime (16), cstime (17)
        String[] fields = stat.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    static long[] ticks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {total - idle, total};
    }
}
