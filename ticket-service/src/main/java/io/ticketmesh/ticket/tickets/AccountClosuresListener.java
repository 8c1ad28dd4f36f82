package io.ticketmesh.ticket.tickets;

import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.ticket.persistence.TicketRepository;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Closed accounts ({@code ticketmesh.identity.closures}): the customer's name is erased from their tickets, once
 * through the inbox. The tickets stay what they are (their codes name the holder by user id alone, so those already
 * sent still admit at the door).
 */
@Component
public class AccountClosuresListener {
    private static final Logger log = LoggerFactory.getLogger(AccountClosuresListener.class);
    private final Inbox inbox;
    private final TicketRepository tickets;

    public AccountClosuresListener(Inbox inbox, TicketRepository tickets) {
        this.inbox = inbox;
        this.tickets = tickets;
    }

    @KafkaListener(topics = "ticketmesh.identity.closures", groupId = "ticket-service.accounts")
    public void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(AccountClosed.getDescriptor())) {
            UUID userId = UUID.fromString(event.payload(AccountClosed.parser()).getUserId());
            inbox.handleOnce("account-closures", event, e -> log.info("account {} closed: its name erased from {} tickets",
                    userId, tickets.eraseHolderName(userId)));
        }
    }
}
