package io.ticketmesh.ticket.tickets;

import io.ticketmesh.platform.privacy.ClosedAccount;
import io.ticketmesh.platform.privacy.PersonalData;
import io.ticketmesh.ticket.persistence.TicketRepository;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The customer's name on their tickets and on the tickets they offered, and their address on the settled offers made
 * to it, erased when their account is closed (platform's {@code AccountClosures}). The tickets stay what they are:
 * their codes name the holder by user id alone, so those already sent still admit; a pending offer may still be
 * accepted (the mail that told of it named them already), and one pending to their address keeps it.
 */
@Component
public class HolderNames implements PersonalData {
    private final TicketRepository tickets;
    private final TicketOffers offers;

    public HolderNames(TicketRepository tickets, TicketOffers offers) {
        this.tickets = tickets;
        this.offers = offers;
    }

    @Override
    public void erase(ClosedAccount account) {
        tickets.eraseHolderName(UUID.fromString(account.userId()));
        offers.eraseGiverName(UUID.fromString(account.userId()));
        if (!account.email().isBlank()) {
            offers.eraseRecipientAddress(account.email());
        }
    }
}
