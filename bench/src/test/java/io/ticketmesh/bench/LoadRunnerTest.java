package io.ticketmesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Asynchronous closed loops: one call at a time a client, every answer counted by kind, failures counted apart. */
class LoadRunnerTest {
    @Test
    void eachClientHasOneCallOutstandingAndEveryAnswerIsCounted() throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger[] outstanding = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        var overlapped = ConcurrentHashMap.<Integer>newKeySet();
        LoadRunner.Result result = LoadRunner.runAsync(3, Duration.ZERO, Duration.ofMillis(300), client -> () -> {
            started.incrementAndGet();
            if (outstanding[client].incrementAndGet() > 1) {
                overlapped.add(client);
            }
            return CompletableFuture.supplyAsync(() -> {
                outstanding[client].decrementAndGet();
                return client == 0 ? "first" : "other";
            }, CompletableFuture.delayedExecutor(2, TimeUnit.MILLISECONDS));
        }, LoadRunner.Window.NONE);

        assertThat(overlapped).isEmpty();
        assertThat(result.errors()).isZero();
        assertThat(result.all().count()).isEqualTo(started.get()).isGreaterThan(30);
        assertThat(result.byKind().keySet()).containsExactly("first", "other");
        assertThat(result.byKind().get("other").count()).isGreaterThan(result.byKind().get("first").count());
        assertThat(result.all().percentileMillis(50)).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Timeout(10) // a client whose stack overflowed never finishes its loop
    void callsThatFailAtOnceAreCountedWithoutGrowingTheStack() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        LoadRunner.Result result = LoadRunner.runAsync(2, Duration.ZERO, Duration.ofMillis(500), client -> () -> {
            calls.incrementAndGet();
            return client == 0 ? CompletableFuture.failedFuture(new IllegalStateException("refused"))
                    : CompletableFuture.completedFuture("done");
        }, LoadRunner.Window.NONE);

        assertThat(calls.get()).as("enough calls to overflow a stack that grew with each").isGreaterThan(10_000);
        assertThat(result.errors() + result.all().count()).isEqualTo(calls.get());
        assertThat(result.errors()).as("both clients ran at once").isPositive();
        assertThat(result.all().count()).as("both clients ran at once").isPositive();
        assertThat(result.firstError()).contains("refused");
    }
}
