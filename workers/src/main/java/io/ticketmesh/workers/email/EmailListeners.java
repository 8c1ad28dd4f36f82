package io.ticketmesh.workers.email;

import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.proto.booking.v1.BookingCancelled;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.booking.v1.BookingFailed;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntryClosed;
import io.ticketmesh.proto.waitlist.v1.WaitlistOfferMade;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The events that email a customer, each handled once through the inbox: a confirmed booking sends its tickets, a
 * failed one why (nothing charged), a cancellation its refund, a waitlist offer its hold, a closed waitlist why. The
 * show is named from event-service, asked before the inbox transaction (no database connection waits on it). Other
 * events of these topics are passed over.
 */
@Component
public class EmailListeners {
    private static final String CONSUMER = "emails";
    private final Inbox inbox;
    private final Emails emails;
    private final Mailer mailer;
    private final Shows shows;

    public EmailListeners(Inbox inbox, Emails emails, Mailer mailer, Shows shows) {
        this.shows = shows;
        this.inbox = inbox;
        this.emails = emails;
        this.mailer = mailer;
    }

    @KafkaListener(topics = "ticketmesh.bookings", groupId = "workers.emails")
    public void onBooking(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(BookingConfirmed.getDescriptor())) {
            BookingConfirmed confirmed = event.payload(BookingConfirmed.parser());
            var show = shows.of(confirmed.getBooking().getShowtimeId());
            inbox.handleOnce(CONSUMER, event, e -> mailer.send(e.id(), emails.tickets(confirmed, show)));
        } else if (event.is(BookingFailed.getDescriptor())) {
            BookingFailed failed = event.payload(BookingFailed.parser());
            var show = shows.of(failed.getBooking().getShowtimeId());
            inbox.handleOnce(CONSUMER, event, e -> mailer.send(e.id(), emails.failed(failed, show)));
        } else if (event.is(BookingCancelled.getDescriptor())) {
            BookingCancelled cancelled = event.payload(BookingCancelled.parser());
            var show = shows.of(cancelled.getBooking().getShowtimeId());
            inbox.handleOnce(CONSUMER, event, e -> mailer.send(e.id(), emails.cancellation(cancelled, show)));
        }
    }

    @KafkaListener(topics = "ticketmesh.waitlist", groupId = "workers.emails")
    public void onWaitlist(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(WaitlistOfferMade.getDescriptor())) {
            WaitlistOfferMade offer = event.payload(WaitlistOfferMade.parser());
            var show = shows.of(offer.getEntry().getShowtimeId());
            inbox.handleOnce(CONSUMER, event, e -> mailer.send(e.id(), emails.waitlistOffer(offer, show)));
        } else if (event.is(WaitlistEntryClosed.getDescriptor())) {
            WaitlistEntryClosed closed = event.payload(WaitlistEntryClosed.parser());
            var show = shows.of(closed.getEntry().getShowtimeId());
            inbox.handleOnce(CONSUMER, event, e -> mailer.send(e.id(), emails.waitlistClosed(closed, show)));
        }
    }
}
