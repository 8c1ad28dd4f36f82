package io.ticketmesh.event.domain;

import io.ticketmesh.event.persistence.SearchIndex;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What follows a showtime's status moving on its own (ended by the clock, sold out or back on sale): search is brought
 * up to date and a ShowtimeChanged with {@code changed_fields: ["status"]} goes through the outbox, in the caller's
 * transaction.
 */
@Component
class ShowtimeStatusChanges {
    private final SearchIndex search;
    private final Outbox outbox;

    ShowtimeStatusChanges(SearchIndex search, Outbox outbox) {
        this.search = search;
        this.outbox = outbox;
    }

    void announce(Showtime moved) {
        search.refreshShowtime(UUID.fromString(moved.getShowtimeId()));
        outbox.append(ShowtimeCatalog.TOPIC, ShowtimeChanged.newBuilder()
                .setMetadata(EventMetadatas.next(moved.getShowtimeId(), moved.getVersion()))
                .setShowtime(moved).addChangedFields("status").build());
    }
}
