package io.ticketmesh.workers.email;

import jakarta.mail.MessagingException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * An SMTP server's refusal of one mail for good: a permanent (5xx) reply to its recipient (RCPT: no such mailbox, a
 * mailbox disabled) or to the mail itself (the reply after its closing dot: too large, its content refused). Sent again
 * it would be refused again, so it is logged as refused rather than retried forever, which held every mail behind it
 * on its partition. Anything else is taken to pass and is retried: no answer, a transient (4xx) reply, a refusal of the
 * sender (MAIL FROM, AUTH: the relay's settings, the same for every mail), a reply whose enhanced status is 5.7.x
 * (security or policy, a relay refusing to relay for us, say: about our sending, not about this mail), and a reply
 * without an enhanced status that speaks of relaying ("550 Relaying denied", as older servers say it: the same).
 *
 * @param code the reply's code, 500-599
 * @param reply the server's reply, as it said it
 */
record MailRefusal(int code, String reply) {
    /** The reply command of a mail's content, its closing dot, as the SMTP provider names it. */
    private static final String CONTENT = ".";
    private static final Pattern SECURITY_OR_POLICY = Pattern.compile("^\\d{3}[ -]5\\.7\\.\\d{1,3}\\b");
    /** A reply that names no enhanced status at all (RFC 3463), only a code and its text. */
    private static final Pattern PLAIN = Pattern.compile("^\\d{3}(?![ -]\\d\\.\\d{1,3}\\.\\d{1,3}\\b)");
    private static final Pattern RELAYING = Pattern.compile("\\brelay", Pattern.CASE_INSENSITIVE);

    /** The refusal the failure to send a mail is, if it is one; empty when the mail may go later. */
    static Optional<MailRefusal> of(MessagingException failure) {
        for (Exception cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SMTPAddressFailedException recipient) {
                return permanent(recipient.getReturnCode(), recipient.getMessage());
            }
            if (cause instanceof SMTPSendFailedException sending) {
                return CONTENT.equals(sending.getCommand()) ? permanent(sending.getReturnCode(), sending.getMessage()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<MailRefusal> permanent(int code, String reply) {
        String said = reply == null ? "" : reply.strip();
        if (code < 500 || code > 599 || SECURITY_OR_POLICY.matcher(said).find()
                || PLAIN.matcher(said).find() && RELAYING.matcher(said).find()) {
            return Optional.empty();
        }
        return Optional.of(new MailRefusal(code, said.isEmpty() ? String.valueOf(code) : said));
    }

    private static Exception next(Exception cause) {
        return cause instanceof MessagingException messaging ? messaging.getNextException() : null;
    }
}
