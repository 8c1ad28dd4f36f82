package io.ticketmesh.ticket.inventory;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Whose a showtime is: the organization selling it, whose STAFF and OWNERs act on it. NOT_FOUND for a showtime without inventory. */
@Component
public class ShowtimeOrganizations {
    private final InventoryRepository inventory;

    public ShowtimeOrganizations(InventoryRepository inventory) {
        this.inventory = inventory;
    }

    public String of(UUID showtimeId) {
        return inventory.organizationOf(showtimeId).orElseThrow(() -> DomainException.notFound("inventory of showtime", showtimeId.toString()));
    }

    /** Fails unless the caller is STAFF or an OWNER of the showtime's organization. */
    public void requireStaff(UUID showtimeId, Caller caller) {
        caller.requireStaff(of(showtimeId));
    }

    /** Fails unless the caller is an OWNER of the showtime's organization. */
    public void requireOwner(UUID showtimeId, Caller caller) {
        caller.requireOwner(of(showtimeId));
    }
}
