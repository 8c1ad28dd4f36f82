package io.ticketmesh.ticket.hold;

import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Frees lapsed holds in batches of {@value #BATCH}, announcing HoldExpired and SeatsReleased for each. Several
 * instances can sweep side by side: each locks the holds it takes and skips the ones another has locked.
 */
@Component
public class HoldSweeper {
    private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);
    static final int BATCH = 500;
    private final HoldLedger ledger;
    private final SeatGate gate;

    public HoldSweeper(HoldLedger ledger, SeatGate gate) {
        this.ledger = ledger;
        this.gate = gate;
    }

    @Scheduled(fixedDelayString = "${ticketmesh.holds.sweep-interval}")
    public void sweep() {
        try {
            List<HoldsRecord> expired;
            do {
                expired = ledger.expireLapsed(BATCH);
                gate.releaseAll(expired.stream()
                        .map(hold -> new SeatGate.Claims(hold.getShowtimeId(), hold.getId(), List.of(hold.getSeatIds()))).toList());
            } while (expired.size() == BATCH);
        } catch (RuntimeException e) {
            log.warn("sweeping lapsed holds failed; the next sweep tries again: {}", e.toString());
        }
    }
}
