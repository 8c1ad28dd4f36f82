package io.ticketmesh.workers.email;

import io.ticketmesh.platform.privacy.ClosedAccount;
import io.ticketmesh.platform.privacy.PersonalData;
import org.springframework.stereotype.Component;

/**
 * A closed account's address, erased from the mail log (platform's {@code AccountClosures}), the mails sent to it
 * after the closing too (a booking in flight then still sends its tickets), and the tickets it received from others
 * and its show reminders forgotten. The notice that it is closed erases the address from the log at once ({@link EmailListeners}).
 */
@Component
public class MailLogAddresses implements PersonalData {
    private final Mailer mailer;
    private final ReceivedTickets received;
    private final ShowReminders reminders;

    public MailLogAddresses(Mailer mailer, ReceivedTickets received, ShowReminders reminders) {
        this.mailer = mailer;
        this.received = received;
        this.reminders = reminders;
    }

    @Override
    public void erase(ClosedAccount account) {
        mailer.forget(account);
        received.forget(account);
        reminders.forget(account);
    }
}
