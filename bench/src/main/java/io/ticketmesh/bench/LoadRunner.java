package io.ticketmesh.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Closed-loop load: each client sends a request, waits for its answer, and sends the next. A warm-up lets the JIT
 * and caches settle; only calls that start inside the measured window count. Latencies are kept whole (no
 * sampling) and also per kind of call, so a mix can be read apart.
 */
public final class LoadRunner {
    /** One client's request: returns the kind of call it made on success, throws on failure. */
    public interface Call {
        String run() throws Exception;
    }

    /** What a run measured. */
    public record Result(double durationSeconds, long errors, String firstError, Latencies all, Map<String, Latencies> byKind) {
        public double perSecond() {
            return all.count() / durationSeconds;
        }
    }

    /** Sorted latencies of successful calls. */
    public record Latencies(long[] sortedNanos) {
        public int count() {
            return sortedNanos.length;
        }

        public double percentileMillis(double percentile) {
            if (sortedNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(percentile / 100 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }

    /** Told as the measured window opens and as it closes, on a thread of its own, while the clients run. */
    public interface Window {
        Window NONE = new Window() {
            @Override
            public void opened() { }

            @Override
            public void closed() { }
        };

        void opened();

        void closed();

        /** Tells each of {@code windows}, in order. */
        static Window all(Window... windows) {
            return new Window() {
                @Override
                public void opened() {
                    for (Window window : windows) {
                        window.opened();
                    }
                }

                @Override
                public void closed() {
                    for (Window window : windows) {
                        window.closed();
                    }
                }
            };
        }
    }

    private LoadRunner() {}

    /** Runs {@code clients} closed loops; {@code callFor.apply(i)} gives client i's next call each time. */
    public static Result run(int clients, Duration warmup, Duration measured, IntFunction<Call> callFor) throws InterruptedException {
        return run(clients, warmup, measured, callFor, Window.NONE);
    }

    /** As {@link #run(int, Duration, Duration, IntFunction)}, telling {@code window} when the measured window opens and closes. */
    public static Result run(int clients, Duration warmup, Duration measured, IntFunction<Call> callFor, Window window)
            throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        Thread watcher = Thread.ofPlatform().name("window").start(() -> {
            try {
                sleepUntil(measureFrom);
                window.opened();
                sleepUntil(end);
                window.closed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Map<String, Samples>> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Map<String, Samples> samples = new HashMap<>();
            perClient.add(samples);
            threads.add(Thread.ofPlatform().name("client-" + i).start(() -> {
                for (long begin = System.nanoTime(); begin < end; begin = System.nanoTime()) {
                    try {
                        String kind = callFor.apply(client).run();
                        if (begin >= measureFrom) {
                            samples.computeIfAbsent(kind, k -> new Samples()).add(System.nanoTime() - begin);
                        }
                    } catch (Exception e) {
                        if (begin >= measureFrom && errors.incrementAndGet() == 1) {
                            firstError.set(e.toString());
                        }
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        watcher.join();
        Map<String, Latencies> byKind = new TreeMap<>();
        perClient.stream().flatMap(m -> m.keySet().stream()).distinct().forEach(kind -> byKind.put(kind, merge(perClient.stream()
                .map(m -> m.get(kind)).filter(s -> s != null).toList())));
        Latencies all = merge(perClient.stream().flatMap(m -> m.values().stream()).toList());
        return new Result(measured.toNanos() / 1e9, errors.get(), firstError.get(), all, byKind);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private static Latencies merge(List<Samples> samples) {
        return new Latencies(samples.stream().flatMapToLong(s -> Arrays.stream(s.values, 0, s.size)).sorted().toArray());
    }

    /** A growable array of one client's latencies. */
    private static final class Samples {
        long[] values = new long[1024];
        int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }
    }
}
