package io.ticketmesh.ticket.inventory;

import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.persistence.AfterCommit;
import io.ticketmesh.proto.ticket.v1.SoldOutChanged;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces when a showtime sells its last place, and when places come back after that ({@code SoldOutChanged} on
 * {@code ticketmesh.inventory.sales}), so the catalog can show it SOLD_OUT. The changes that can turn the answer (a
 * sale, seats blocked, a sold seat or a blocked one freed) ask, once committed, for the showtime to be looked at; every
 * {@code ticketmesh.inventory.sold-out-check-interval} each showtime asked about is looked at once (is any place
 * AVAILABLE or HELD?) and a changed answer is recorded and announced in one transaction. A hold's seats lapsing or
 * released never turn it: a held place already counts as left. Nothing of this is on the path of a hold or a sale but
 * the asking; and since the look comes after the commit that asked, no change is missed, whatever order concurrent
 * sales commit in. A process that starts looks at every showtime on sale once.
 */
@Component
public class SoldOutWatch {
    public static final String TOPIC = "ticketmesh.inventory.sales";
    private static final Logger log = LoggerFactory.getLogger(SoldOutWatch.class);
    private final Set<UUID> asked = ConcurrentHashMap.newKeySet();
    private final InventoryRepository inventory;
    private final Outbox outbox;
    private final TransactionTemplate transaction;

    public SoldOutWatch(InventoryRepository inventory, Outbox outbox, TransactionTemplate transaction) {
        this.inventory = inventory;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** Asks, from inside a transaction, for the showtime to be looked at once that transaction commits. */
    public void lookAfterCommit(UUID showtimeId) {
        AfterCommit.run(() -> asked.add(showtimeId));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void lookAtEveryShowtimeOnSale() {
        asked.addAll(inventory.onSale());
    }

    @Scheduled(fixedDelayString = "${ticketmesh.inventory.sold-out-check-interval:1s}")
    public void look() {
        List<UUID> due = new ArrayList<>(asked);
        asked.removeAll(due);
        for (UUID showtimeId : due) {
            try {
                transaction.executeWithoutResult(status -> {
                    boolean soldOut = inventory.nothingLeft(showtimeId);
                    if (inventory.markSoldOut(showtimeId, soldOut)) {
                        outbox.append(TOPIC, SoldOutChanged.newBuilder()
                                .setMetadata(EventMetadatas.next(showtimeId.toString(), ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now())))
                                .setShowtimeId(showtimeId.toString()).setSoldOut(soldOut).build());
                    }
                });
            } catch (RuntimeException e) {
                asked.add(showtimeId);
                log.warn("whether showtime {} is sold out is looked at again next time: {}", showtimeId, e.toString());
            }
        }
    }
}
