package io.ticketmesh.ticket.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Orders gathered into batches per key: each caller gets its own outcome, and no lane outlives its orders. */
class BatchLanesTest {
    private final DistributionSummary sizes = DistributionSummary.builder("sizes").register(new SimpleMeterRegistry());

    @Test
    void everyOrderIsAnsweredInBatchesNoLargerThanTheLimitAndNoLaneIsKept() throws Exception {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        BatchLanes<String, Integer, Integer> lanes = new BatchLanes<>("test", 8, (key, orders) -> {
            batchSizes.add(orders.size());
            sleep(2);
            return orders.stream().map(o -> Decided.answer(o * 10)).toList();
        }, sizes);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int order = i;
                answers.add(callers.submit(() -> lanes.submit("showtime-" + order % 4, order)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo(i * 10);
            }
        }
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
        assertThat(batchSizes).allMatch(size -> size <= 8).anyMatch(size -> size > 1);
        assertThat(drained(lanes)).as("lanes are dropped once drained").isZero();
    }

    @Test
    void aBatchThatFailsFailsEachOfItsOrders() {
        BatchLanes<String, Integer, Integer> lanes = new BatchLanes<>("test", 8, (key, orders) -> {
            throw new IllegalStateException("database gone");
        }, sizes);
        assertThatThrownBy(() -> lanes.submit("showtime", 1)).isInstanceOf(IllegalStateException.class).hasMessage("database gone");
        assertThat(drained(lanes)).isZero();
    }

    /** Open lanes once the drainers that answered the last orders have finished (they drop their lane after). */
    private static int drained(BatchLanes<?, ?, ?> lanes) {
        for (int i = 0; i < 500 && lanes.openLanes() > 0; i++) {
            sleep(10);
        }
        return lanes.openLanes();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
