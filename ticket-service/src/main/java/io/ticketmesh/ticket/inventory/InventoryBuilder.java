package io.ticketmesh.ticket.inventory;

import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeCancelled;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.event.v1.ShowtimePublished;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import io.ticketmesh.proto.event.v1.ListShowtimeSeatsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Builds and maintains a showtime's inventory from the catalog's announcements. Each method runs inside the
 * inbox transaction of the event it applies, and is itself idempotent: a redelivery changes nothing.
 */
@Service
public class InventoryBuilder {
    private static final Logger log = LoggerFactory.getLogger(InventoryBuilder.class);
    private final InventoryRepository inventory;
    private final CatalogClient catalog;

    public InventoryBuilder(InventoryRepository inventory, CatalogClient catalog) {
        this.inventory = inventory;
        this.catalog = catalog;
    }

    /** Every seat and standing place of the published showtime, AVAILABLE; nothing if the inventory exists already. */
    public void published(ShowtimePublished event) {
        Showtime showtime = event.getShowtime();
        UUID id = UUID.fromString(showtime.getShowtimeId());
        if (inventory.findShowtime(id).isPresent()) {
            return;
        }
        List<ListShowtimeSeatsResponse> pages = new ArrayList<>();
        catalog.forEachSeatPage(showtime.getShowtimeId(), pages::add);
        int total = pages.getFirst().getTotalSeats();
        inventory.insertShowtime(showtime, total);
        int seats = 0;
        for (ListShowtimeSeatsResponse page : pages) {
            inventory.insertSeats(id, page.getSeatsList());
            inventory.insertStandingAreas(id, page.getStandingAreasList());
            seats += page.getSeatsCount();
        }
        inventory.insertStandingPlaces(id);
        if (seats != total) {
            throw new IllegalStateException("showtime " + id + ": the catalog listed " + seats + " of " + total + " seats");
        }
        log.info("inventory of showtime {} built: {} seats", id, seats);
    }

    public void changed(ShowtimeChanged event) {
        inventory.applyChange(event.getShowtime());
    }

    /** Stops selling; bookings are refunded by booking-service, which frees their seats. */
    public void cancelled(ShowtimeCancelled event) {
        inventory.markCancelled(UUID.fromString(event.getShowtime().getShowtimeId()));
    }
}
