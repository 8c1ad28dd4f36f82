package io.ticketmesh.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
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

    /** One client's request, answering asynchronously with the kind of call it made, or failing. */
    public interface AsyncCall {
        CompletionStage<String> start();
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

    /**
     * As {@link #run(int, Duration, Duration, IntFunction)}, telling {@code window} when the measured window opens and
     * closes. Each client is a platform thread that blocks for its answers.
     */
    public static Result run(int clients, Duration warmup, Duration measured, IntFunction<Call> callFor, Window window)
            throws InterruptedException {
        Tally tally = new Tally(clients, warmup, measured);
        Thread watcher = tally.watch(window);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            threads.add(Thread.ofPlatform().name("client-" + i).start(() -> {
                for (long begin = System.nanoTime(); begin < tally.end; begin = System.nanoTime()) {
                    try {
                        tally.succeeded(client, begin, callFor.apply(client).run());
                    } catch (Exception e) {
                        tally.failed(begin, e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        watcher.join();
        return tally.result();
    }

    /**
     * As {@link #run(int, Duration, Duration, IntFunction, Window)} with calls that answer asynchronously: a client
     * sends its next call from the thread that completed its last one (with a channel built with
     * {@code directExecutor()}, the gRPC transport's own thread), so the generator needs no thread per client and no
     * hand-off between threads per call, and takes less of the CPU it shares with what it measures.
     */
    public static Result runAsync(int clients, Duration warmup, Duration measured, IntFunction<AsyncCall> callFor, Window window)
            throws InterruptedException {
        Tally tally = new Tally(clients, warmup, measured);
        Thread watcher = tally.watch(window);
        CountDownLatch finished = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            // each starts on a thread of its own: a client whose calls all answer at once loops there, not holding up the rest
            Thread.ofVirtual().name("client-" + i).start(new AsyncClient(i, callFor, tally, finished)::next);
        }
        finished.await();
        watcher.join();
        return tally.result();
    }

    /**
     * A closed loop over asynchronous calls: the answer to one sends the next. A call answered before it is
     * returned (a failure at once) is recorded here and the loop goes on, rather than from its completion, so the
     * stack does not grow with each.
     */
    private record AsyncClient(int client, IntFunction<AsyncCall> callFor, Tally tally, CountDownLatch finished) {
        void next() {
            for (long begin = System.nanoTime(); begin < tally.end; begin = System.nanoTime()) {
                CompletableFuture<String> call;
                try {
                    call = callFor.apply(client).start().toCompletableFuture();
                } catch (RuntimeException e) {
                    call = CompletableFuture.failedFuture(e);
                }
                long started = begin;
                if (!call.isDone()) {
                    call.whenComplete((kind, failure) -> {
                        record(started, kind, failure);
                        next();
                    });
                    return;
                }
                call.handle((kind, failure) -> record(started, kind, failure));
            }
            finished.countDown();
        }

        private Void record(long begin, String kind, Throwable failure) {
            if (failure == null) {
                tally.succeeded(client, begin, kind);
            } else {
                tally.failed(begin, failure instanceof CompletionException wrapped ? wrapped.getCause() : failure);
            }
            return null;
        }
    }

    /** The clients' latencies and errors, kept per client and merged at the end. */
    private static final class Tally {
        final long measureFrom;
        final long end;
        final long measuredNanos;
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final List<Map<String, Samples>> perClient = new ArrayList<>();

        Tally(int clients, Duration warmup, Duration measured) {
            measureFrom = System.nanoTime() + warmup.toNanos();
            end = measureFrom + measured.toNanos();
            measuredNanos = measured.toNanos();
            for (int i = 0; i < clients; i++) {
                perClient.add(new HashMap<>());
            }
        }

        Thread watch(Window window) {
            return Thread.ofPlatform().name("window").start(() -> {
                try {
                    sleepUntil(measureFrom);
                    window.opened();
                    sleepUntil(end);
                    window.closed();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** Only ever called by one client at a time (its calls do not overlap). */
        void succeeded(int client, long begin, String kind) {
            if (begin >= measureFrom) {
                perClient.get(client).computeIfAbsent(kind, k -> new Samples()).add(System.nanoTime() - begin);
            }
        }

        void failed(long begin, Throwable failure) {
            if (begin >= measureFrom && errors.incrementAndGet() == 1) {
                firstError.set(failure.toString());
            }
        }

        Result result() {
            Map<String, Latencies> byKind = new TreeMap<>();
            perClient.stream().flatMap(m -> m.keySet().stream()).distinct().forEach(kind -> byKind.put(kind, merge(perClient.stream()
                    .map(m -> m.get(kind)).filter(s -> s != null).toList())));
            Latencies all = merge(perClient.stream().flatMap(m -> m.values().stream()).toList());
            return new Result(measuredNanos / 1e9, errors.get(), firstError.get(), all, byKind);
        }
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
