package io.ticketmesh.workers.email;

import io.ticketmesh.platform.inbox.Inbox;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.privacy.ClosedAccount;
import io.ticketmesh.proto.booking.v1.BookingCancelled;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.booking.v1.BookingFailed;
import io.ticketmesh.proto.booking.v1.BookingRefunded;
import io.ticketmesh.proto.booking.v1.BookingRescheduled;
import io.ticketmesh.proto.booking.v1.BookingStatus;
import io.ticketmesh.proto.booking.v1.TicketsResent;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.proto.identity.v1.EmailChangeRequested;
import io.ticketmesh.proto.identity.v1.EmailChanged;
import io.ticketmesh.proto.identity.v1.PasswordChanged;
import io.ticketmesh.proto.identity.v1.PasswordResetRequested;
import io.ticketmesh.proto.waitlist.v1.WaitlistEntryClosed;
import io.ticketmesh.proto.waitlist.v1.WaitlistOfferMade;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The events that email a customer, each handled once through the inbox: a confirmed booking sends its tickets (those
 * its customer gave away or had voided before it was read named without their codes) and has its show's reminder
 * written ({@link ShowReminders}; moved with the show, dropped with the booking), a failed one why (nothing charged), a
 * cancellation its refund, an organizer's refund without cancelling how much, a moved show its new time, a waitlist
 * offer its hold, a closed waitlist why, a password reset its link, a changed password that it changed, a new address
 * its confirmation link (and the account's address that a move was asked for), a changed address (to the old one) that
 * it changed, a closed account that it is closed (and its address is then erased from the mail log); tickets given to
 * others are {@link TicketListeners}'. The show is named from event-service, asked before the inbox transaction (no
 * database connection waits on it). Other events of these topics are passed over.
 */
@Component
public class EmailListeners {
    /** The inbox consumer of the mails, {@link TicketListeners}' too. */
    static final String CONSUMER = "emails";
    /** The second mail some events ask for, handled apart so that each is sent once whatever happens to the other. */
    private static final String NOTICES = "emails.notices";
    private final Inbox inbox;
    private final Emails emails;
    private final AccountEmails accountEmails;
    private final LinkTokens tokens;
    private final Mailer mailer;
    private final Shows shows;
    private final ShowReminders reminders;

    public EmailListeners(Inbox inbox, Emails emails, AccountEmails accountEmails, LinkTokens tokens, Mailer mailer, Shows shows,
                          ShowReminders reminders) {
        this.shows = shows;
        this.reminders = reminders;
        this.tokens = tokens;
        this.inbox = inbox;
        this.emails = emails;
        this.accountEmails = accountEmails;
        this.mailer = mailer;
    }

    /**
     * Bookings are mailed by several consumers at once (each its share of the topic's partitions, so a booking's
     * events stay in order): a mail waits mostly on others (event-service, the database, SMTP), and one consumer sent
     * them one after another, far behind a rush.
     */
    @KafkaListener(topics = "ticketmesh.bookings", groupId = "workers.emails", concurrency = "${ticketmesh.mail.booking-consumers}")
    public void onBooking(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(BookingConfirmed.getDescriptor())) {
            BookingConfirmed confirmed = event.payload(BookingConfirmed.parser());
            Optional<Shows.Show> show = shows.of(confirmed.getBooking().getShowtimeId());
            inbox.handleOnce(CONSUMER, event, e -> {
                Set<String> letGo = reminders.takeLetGo(confirmed.getBooking().getBookingId());
                mailer.send(e.id(), emails.tickets(confirmed, letGo, show));
                reminders.schedule(confirmed.getBooking(), letGo, confirmed.getCustomerEmail(), show);
            });
        } else if (event.is(BookingFailed.getDescriptor())) {
            mailOnce(event, event.payload(BookingFailed.parser()), failed -> failed.getBooking().getShowtimeId(), emails::failed);
        } else if (event.is(TicketsResent.getDescriptor())) {
            mailOnce(event, event.payload(TicketsResent.parser()), resent -> resent.getBooking().getShowtimeId(), emails::resent);
        } else if (event.is(BookingCancelled.getDescriptor())) {
            mailOnce(event, event.payload(BookingCancelled.parser()), cancelled -> cancelled.getBooking().getShowtimeId(),
                    emails::cancellation, (cancelled, show) -> {
                        if (cancelled.getBooking().getStatus() == BookingStatus.BOOKING_STATUS_CANCELLED) {
                            reminders.drop(List.of(UUID.fromString(cancelled.getBooking().getBookingId())));
                        }
                    });
        } else if (event.is(BookingRefunded.getDescriptor())) {
            mailOnce(event, event.payload(BookingRefunded.parser()), refunded -> refunded.getBooking().getShowtimeId(), emails::refunded);
        } else if (event.is(BookingRescheduled.getDescriptor())) {
            mailOnce(event, event.payload(BookingRescheduled.parser()), moved -> moved.getBooking().getShowtimeId(), emails::rescheduled,
                    (moved, show) -> reminders.move(moved.getBooking().getBookingId(), Instant.ofEpochSecond(moved.getStartsAt().getSeconds())));
        }
    }

    @KafkaListener(topics = "ticketmesh.waitlist", groupId = "workers.emails")
    public void onWaitlist(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(WaitlistOfferMade.getDescriptor())) {
            mailOnce(event, event.payload(WaitlistOfferMade.parser()), offer -> offer.getEntry().getShowtimeId(), emails::waitlistOffer);
        } else if (event.is(WaitlistEntryClosed.getDescriptor())) {
            mailOnce(event, event.payload(WaitlistEntryClosed.parser()), closed -> closed.getEntry().getShowtimeId(),
                    emails::waitlistClosed);
        }
    }

    @KafkaListener(topics = "ticketmesh.identity", groupId = "workers.emails")
    public void onIdentity(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        Mail mail = null;
        if (event.is(PasswordResetRequested.getDescriptor())) {
            PasswordResetRequested requested = event.payload(PasswordResetRequested.parser());
            mail = accountEmails.passwordReset(requested, tokens.reset(requested));
        } else if (event.is(PasswordChanged.getDescriptor())) {
            mail = accountEmails.passwordChanged(event.payload(PasswordChanged.parser()));
        } else if (event.is(EmailChangeRequested.getDescriptor())) {
            EmailChangeRequested requested = event.payload(EmailChangeRequested.parser());
            mail = accountEmails.emailConfirmation(requested, tokens.confirmation(requested));
            inbox.handleOnce(NOTICES, event, e -> mailer.send(e.id(), accountEmails.emailChangeAsked(requested)));
        } else if (event.is(EmailChanged.getDescriptor())) {
            mail = accountEmails.emailChanged(event.payload(EmailChanged.parser()));
        }
        if (mail != null) {
            Mail once = mail;
            inbox.handleOnce(CONSUMER, event, e -> mailer.send(e.id(), once));
        }
    }

    /**
     * A closed account: its address is told, then erased from the mail log, in the one inbox transaction (a redelivery
     * neither mails again nor finds anything to erase).
     */
    @KafkaListener(topics = "ticketmesh.identity.closures", groupId = "workers.emails")
    public void onClosure(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(AccountClosed.getDescriptor())) {
            AccountClosed closed = event.payload(AccountClosed.parser());
            inbox.handleOnce(CONSUMER, event, e -> {
                mailer.send(e.id(), accountEmails.accountClosed(closed));
                ClosedAccount account = new ClosedAccount(closed.getUserId(), closed.getEmail());
                mailer.forget(account);
                reminders.forget(account);
            });
        }
    }

    /**
     * Mails what {@code write} makes of the event, once: the show is asked of event-service first, outside the inbox
     * transaction, then the mail is sent and logged in it.
     */
    private <E> void mailOnce(ReceivedEvent event, E payload, Function<E, String> showtimeOf,
                              BiFunction<E, Optional<Shows.Show>, Mail> write) {
        mailOnce(event, payload, showtimeOf, write, (e, show) -> {});
    }

    /** As the other, and {@code remember} what the event says of the booking's reminder, in the same transaction. */
    private <E> void mailOnce(ReceivedEvent event, E payload, Function<E, String> showtimeOf,
                              BiFunction<E, Optional<Shows.Show>, Mail> write, BiConsumer<E, Optional<Shows.Show>> remember) {
        Optional<Shows.Show> show = shows.of(showtimeOf.apply(payload));
        inbox.handleOnce(CONSUMER, event, e -> {
            mailer.send(e.id(), write.apply(payload, show));
            remember.accept(payload, show);
        });
    }
}
