package io.ticketmesh.workers.email;

import io.ticketmesh.platform.privacy.ClosedAccount;
import io.ticketmesh.platform.privacy.PersonalData;
import org.springframework.stereotype.Component;

/**
 * A closed account's address, erased from the mail log (platform's {@code AccountClosures}), the mails sent to it
 * after the closing too (a booking in flight then still sends its tickets), and the tickets it received from others
 * forgotten. The notice that it is closed erases the address from the log at once ({@link EmailListeners}).
 */
@Component
public class MailLogAddresses implements PersonalData {
    private final Mailer mailer;
    private final ReceivedTickets received;

    public MailLogAddresses(Mailer mailer, ReceivedTickets received) {
        this.mailer = mailer;
        this.received = received;
    }

    @Override
    public void erase(ClosedAccount account) {
        mailer.forgetRecipient(account.email());
        received.forget(account);
    }
}
