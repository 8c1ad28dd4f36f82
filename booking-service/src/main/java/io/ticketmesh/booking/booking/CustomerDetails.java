package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.InventoryClient;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.WaitlistRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.WaitlistEntriesRecord;
import io.ticketmesh.platform.persistence.AfterCommit;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.platform.privacy.ClosedAccount;
import io.ticketmesh.platform.privacy.PersonalData;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The customer's name and address on their bookings and waitlist entries, erased when their account is closed
 * (platform's {@code AccountClosures}), and their waitlist entries left (an offer's hold released, as when they leave
 * themselves; an offer being booked stays). The bookings stay, amounts and all, under the user id: the organizer's
 * sales, and what refunds go by. Mails their events ask for later go nowhere, and their tickets cannot be sent again.
 */
@Component
public class CustomerDetails implements PersonalData {
    private final BookingRepository bookings;
    private final WaitlistRepository entries;
    private final InventoryClient inventory;

    public CustomerDetails(BookingRepository bookings, WaitlistRepository entries, InventoryClient inventory) {
        this.bookings = bookings;
        this.entries = entries;
        this.inventory = inventory;
    }

    @Override
    public void erase(ClosedAccount account) {
        bookings.eraseCustomer(account.userId());
        List<WaitlistEntriesRecord> offers = entries.leaveAndEraseAllOf(account.userId(), StoredTime.now()).stream()
                .filter(entry -> entry.getStatus().equals("OFFERED")).toList();
        // once committed, as Leave does: a release lost to a crash lets the hold lapse at its expiry
        offers.forEach(entry -> AfterCommit.run(() -> inventory.release(entry.getHoldId().toString(), "waitlist-leave:" + entry.getId())));
    }
}
