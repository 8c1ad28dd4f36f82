package io.ticketmesh.ticket.tickets;

import io.ticketmesh.platform.privacy.ClosedAccount;
import io.ticketmesh.platform.privacy.PersonalData;
import io.ticketmesh.ticket.persistence.TicketRepository;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The customer's name on their tickets, erased when their account is closed (platform's {@code AccountClosures}). The
 * tickets stay what they are: their codes name the holder by user id alone, so those already sent still admit.
 */
@Component
public class HolderNames implements PersonalData {
    private final TicketRepository tickets;

    public HolderNames(TicketRepository tickets) {
        this.tickets = tickets;
    }

    @Override
    public void erase(ClosedAccount account) {
        tickets.eraseHolderName(UUID.fromString(account.userId()));
    }
}
