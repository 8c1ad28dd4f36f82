package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.InventoryClient;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.WaitlistRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.WaitlistEntriesRecord;
import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Closed accounts ({@code ticketmesh.identity.closures}), once through the inbox: the customer's name and address are
 * erased from their bookings and waitlist entries, and they leave the waitlists they are on (an offer's hold is
 * released at once, as when they leave themselves; an offer being booked stays). The bookings stay, amounts and all,
 * under the user id: the organizer's sales, and what refunds go by. Mails their events ask for later go nowhere.
 */
@Component
public class AccountClosuresListener {
    private static final Logger log = LoggerFactory.getLogger(AccountClosuresListener.class);
    private final Inbox inbox;
    private final BookingRepository bookings;
    private final WaitlistRepository entries;
    private final InventoryClient inventory;

    public AccountClosuresListener(Inbox inbox, BookingRepository bookings, WaitlistRepository entries, InventoryClient inventory) {
        this.inbox = inbox;
        this.bookings = bookings;
        this.entries = entries;
        this.inventory = inventory;
    }

    @KafkaListener(topics = "ticketmesh.identity.closures", groupId = "booking-service.accounts")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (!event.is(AccountClosed.getDescriptor())) {
            return;
        }
        String userId = event.payload(AccountClosed.parser()).getUserId();
        List<WaitlistEntriesRecord> left = new ArrayList<>();
        inbox.handleOnce("account-closures", event, e -> {
            int erased = bookings.eraseCustomer(userId);
            left.addAll(entries.leaveAndEraseAllOf(userId, StoredTime.now()));
            log.info("account {} closed: its name and address erased from {} bookings, {} waitlist entries left", userId, erased, left.size());
        });
        // after the commit, as Leave does: a release lost to a crash lets the hold lapse at its expiry
        left.stream().filter(entry -> entry.getStatus().equals("OFFERED"))
                .forEach(entry -> inventory.release(entry.getHoldId().toString(), "waitlist-leave:" + entry.getId()));
    }
}
