package io.ticketmesh.ticket.hold;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsResponse;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldResponse;
import io.ticketmesh.ticket.batch.BatchLanes;
import io.ticketmesh.ticket.batch.Decided;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * New holds and releases, taken in batches ({@link BatchLanes}): holds of one showtime together ({@link HoldBatch}),
 * releases of any showtime together ({@link ReleaseBatch}), their Redis gate claims given up together once committed.
 */
@Component
public class HoldBatcher {
    /** The most orders one transaction decides; more wait for the next. */
    static final int MAX_BATCH = 200;
    private static final String RELEASES = "all";
    private final BatchLanes<UUID, HoldOrder, HoldSeatsResponse> holds;
    private final BatchLanes<String, ReleaseOrder, ReleaseHoldResponse> releases;

    public HoldBatcher(HoldBatch holdBatch, ReleaseBatch releaseBatch, SeatGate gate, MeterRegistry meters) {
        this.holds = new BatchLanes<>("hold-batch", MAX_BATCH, holdBatch::take, batchSizes(meters, "holds"));
        this.releases = new BatchLanes<>("release-batch", MAX_BATCH, (lane, orders) -> {
            List<Decided<ReleaseHoldResponse>> outcomes = releaseBatch.release(orders);
            gate.releaseAll(outcomes.stream().filter(outcome -> outcome.response() != null)
                    .map(outcome -> claimsOf(outcome.response().getHold())).toList());
            return outcomes;
        }, batchSizes(meters, "releases"));
    }

    private static SeatGate.Claims claimsOf(Hold hold) {
        return new SeatGate.Claims(UUID.fromString(hold.getShowtimeId()), UUID.fromString(hold.getHoldId()),
                hold.getSeatIdsList().stream().map(UUID::fromString).toList());
    }

    private static DistributionSummary batchSizes(MeterRegistry meters, String kind) {
        return DistributionSummary.builder("ticketmesh.holds.batch.size").description("orders decided in one transaction")
                .tag("kind", kind).publishPercentiles(0.5, 0.99).register(meters);
    }

    /** Holds the order's seats, or throws why not. */
    public HoldSeatsResponse take(HoldOrder order) {
        return holds.submit(order.showtimeId(), order);
    }

    /** Releases the order's hold (a hold no longer active is answered as it is), or throws why not. */
    public ReleaseHoldResponse release(ReleaseOrder order) {
        return releases.submit(RELEASES, order);
    }
}
