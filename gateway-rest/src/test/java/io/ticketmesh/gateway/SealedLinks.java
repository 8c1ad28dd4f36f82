package io.ticketmesh.gateway;

import io.ticketmesh.platform.testing.TestSealing;
import io.ticketmesh.proto.identity.v1.EmailChangeRequested;
import io.ticketmesh.proto.identity.v1.PasswordResetRequested;

/** The links' tokens the gateway's events carry sealed for workers, opened as workers open them. */
final class SealedLinks {
    private SealedLinks() {}

    static String reset(PasswordResetRequested requested) {
        return TestSealing.open(requested.getSealedResetToken(),
                PasswordResetRequested.getDescriptor().findFieldByNumber(PasswordResetRequested.SEALED_RESET_TOKEN_FIELD_NUMBER));
    }

    static String confirmation(EmailChangeRequested requested) {
        return TestSealing.open(requested.getSealedConfirmationToken(),
                EmailChangeRequested.getDescriptor().findFieldByNumber(EmailChangeRequested.SEALED_CONFIRMATION_TOKEN_FIELD_NUMBER));
    }
}
