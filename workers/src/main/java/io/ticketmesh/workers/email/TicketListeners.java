package io.ticketmesh.workers.email;

import io.ticketmesh.platform.display.Wording;
import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.ticket.v1.TicketOffered;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import io.ticketmesh.proto.ticket.v1.TicketsVoided;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Tickets given to another customer (ticket-service's {@code ticketmesh.tickets}, one partition a booking, so a
 * booking's transfers arrive before its voids): an offer to an address without an account is mailed its link; the
 * recipient is mailed the new ticket and remembered (with a reminder before the show, {@link ShowReminders}), and told
 * when the organizer voids it (the buyer, who has the booking, is told by its cancellation mail) or moves its show.
 * Each event once, through the inbox; the show asked of event-service before the inbox transaction. A ticket given
 * away or voided also leaves its booking's reminder, which goes no more once its customer holds none of its tickets.
 */
@Component
public class TicketListeners {
    private final Inbox inbox;
    private final ReceivedTicketEmails emails;
    private final LinkTokens tokens;
    private final Mailer mailer;
    private final Shows shows;
    private final ReceivedTickets received;
    private final ShowReminders reminders;

    public TicketListeners(Inbox inbox, ReceivedTicketEmails emails, LinkTokens tokens, Mailer mailer, Shows shows, ReceivedTickets received,
                           ShowReminders reminders) {
        this.reminders = reminders;
        this.inbox = inbox;
        this.tokens = tokens;
        this.emails = emails;
        this.mailer = mailer;
        this.shows = shows;
        this.received = received;
    }

    @KafkaListener(topics = "ticketmesh.tickets", groupId = "workers.emails")
    public void onTickets(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(TicketTransferred.getDescriptor())) {
            TicketTransferred transferred = event.payload(TicketTransferred.parser());
            Optional<Shows.Show> show = shows.of(transferred.getShowtimeId());
            inbox.handleOnce(EmailListeners.CONSUMER, event, e -> {
                String place = Wording.place(transferred.getTicket());
                received.remember(transferred, place);
                reminders.noLongerHeld(transferred.getBookingId(), List.of(transferred.getFromTicketId()));
                reminders.scheduleReceived(transferred, place, show);
                mailer.send(e.id(), emails.ticketReceived(transferred, show));
            });
        } else if (event.is(TicketOffered.getDescriptor())) {
            TicketOffered offered = event.payload(TicketOffered.parser());
            Optional<Shows.Show> show = shows.of(offered.getShowtimeId());
            inbox.handleOnce(EmailListeners.CONSUMER, event, e -> mailer.send(e.id(), emails.ticketOffered(offered, tokens.offer(offered), show)));
        } else if (event.is(TicketsVoided.getDescriptor())) {
            TicketsVoided voided = event.payload(TicketsVoided.parser());
            reminders.noLongerHeld(voided.getBookingId(), voided.getTicketIdsList());
            List<ReceivedTickets.Received> given = received.among(voided.getTicketIdsList());
            if (given.isEmpty()) {
                return;
            }
            Optional<Shows.Show> show = shows.of(given.getFirst().showtimeId());
            inbox.handleOnce(EmailListeners.CONSUMER, event, e -> {
                byRecipient(given).forEach((to, tickets) -> mailer.send(e.id(), emails.receivedVoided(to, tickets, voided.getReason(), show)));
                received.forget(given);
                reminders.drop(given.stream().map(ReceivedTickets.Received::ticketId).toList());
            });
        }
    }

    /**
     * A show moved (event-service's {@code ticketmesh.catalog.showtimes}: a ShowtimeChanged whose changed fields name
     * starts_at): the holders of its tickets received from others are told the new time (the buyers are told by
     * booking-service's BookingRescheduled).
     */
    @KafkaListener(topics = "ticketmesh.catalog.showtimes", groupId = "workers.emails")
    public void onShowtimes(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (!event.is(ShowtimeChanged.getDescriptor())) {
            return;
        }
        ShowtimeChanged change = event.payload(ShowtimeChanged.parser());
        if (!change.getChangedFieldsList().contains("starts_at")) {
            return;
        }
        List<ReceivedTickets.Received> given = received.ofShowtime(change.getShowtime().getShowtimeId());
        if (given.isEmpty()) {
            return;
        }
        Optional<Shows.Show> show = shows.of(change.getShowtime().getShowtimeId());
        inbox.handleOnce(EmailListeners.CONSUMER, event, e -> {
            byRecipient(given).forEach((to, tickets) -> mailer.send(e.id(), emails.receivedMoved(to, tickets, change.getShowtime(), show)));
            reminders.moveReceived(change.getShowtime().getShowtimeId(), Instant.ofEpochSecond(change.getShowtime().getStartsAt().getSeconds()));
        });
    }

    private static Map<String, List<ReceivedTickets.Received>> byRecipient(List<ReceivedTickets.Received> tickets) {
        return tickets.stream().collect(Collectors.groupingBy(ReceivedTickets.Received::recipient, LinkedHashMap::new, Collectors.toList()));
    }
}
