package io.ticketmesh.workers.email;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.ticketmesh.platform.crypto.SecretOpener;
import io.ticketmesh.proto.identity.v1.EmailChangeRequested;
import io.ticketmesh.proto.identity.v1.PasswordResetRequested;
import io.ticketmesh.proto.ticket.v1.TicketOffered;
import org.springframework.stereotype.Component;

/**
 * The one-time tokens of the links workers mail, which their events carry sealed to workers' key (platform's
 * {@code SealedSecrets}; {@code ticketmesh.sealing.private-key}). An event from before tokens were sealed, still on
 * its topic at the upgrade, carries its token in the clear and is mailed with it.
 */
@Component
class LinkTokens {
    private static final FieldDescriptor RESET = PasswordResetRequested.getDescriptor()
            .findFieldByNumber(PasswordResetRequested.SEALED_RESET_TOKEN_FIELD_NUMBER);
    private static final FieldDescriptor CONFIRMATION = EmailChangeRequested.getDescriptor()
            .findFieldByNumber(EmailChangeRequested.SEALED_CONFIRMATION_TOKEN_FIELD_NUMBER);
    private static final FieldDescriptor OFFER = TicketOffered.getDescriptor().findFieldByNumber(TicketOffered.SEALED_TOKEN_FIELD_NUMBER);
    private final SecretOpener opener;

    LinkTokens(SecretOpener opener) {
        this.opener = opener;
    }

    @SuppressWarnings("deprecation")
    String reset(PasswordResetRequested requested) {
        return open(requested.getSealedResetToken(), requested.getResetToken(), RESET);
    }

    @SuppressWarnings("deprecation")
    String confirmation(EmailChangeRequested requested) {
        return open(requested.getSealedConfirmationToken(), requested.getConfirmationToken(), CONFIRMATION);
    }

    @SuppressWarnings("deprecation")
    String offer(TicketOffered offered) {
        return open(offered.getSealedToken(), offered.getToken(), OFFER);
    }

    /** IllegalArgumentException for a token that does not open with workers' key: retried, as a mail server away is. */
    private String open(ByteString sealed, String clear, FieldDescriptor field) {
        if (sealed.isEmpty() && !clear.isEmpty()) {
            return clear;
        }
        return opener.open(sealed, field);
    }
}
