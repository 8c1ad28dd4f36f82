package io.ticketmesh.workers.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketmesh.platform.crypto.SecretOpener;
import io.ticketmesh.platform.testing.TestSealing;
import io.ticketmesh.proto.identity.v1.EmailChangeRequested;
import io.ticketmesh.proto.identity.v1.PasswordResetRequested;
import io.ticketmesh.proto.ticket.v1.TicketOffered;
import org.junit.jupiter.api.Test;

class LinkTokensTest {
    private final LinkTokens tokens = new LinkTokens(SecretOpener.of(TestSealing.privateKey(), ""));

    private static com.google.protobuf.ByteString sealed(String token, com.google.protobuf.Descriptors.Descriptor event, String field) {
        return TestSealing.seal(token, event.findFieldByName(field));
    }

    @Test
    void eachEventsTokenOpensFromItsOwnSealedField() {
        assertThat(tokens.reset(PasswordResetRequested.newBuilder()
                .setSealedResetToken(sealed("reset", PasswordResetRequested.getDescriptor(), "sealed_reset_token")).build())).isEqualTo("reset");
        assertThat(tokens.confirmation(EmailChangeRequested.newBuilder().setSealedConfirmationToken(
                sealed("confirm", EmailChangeRequested.getDescriptor(), "sealed_confirmation_token")).build())).isEqualTo("confirm");
        assertThat(tokens.offer(TicketOffered.newBuilder()
                .setSealedToken(sealed("offer", TicketOffered.getDescriptor(), "sealed_token")).build())).isEqualTo("offer");
    }

    @Test
    void aTokenSealedForAnotherFieldDoesNotOpenAndOneFromBeforeSealingIsTakenInTheClear() {
        var forOffers = sealed("offer", TicketOffered.getDescriptor(), "sealed_token");
        assertThatThrownBy(() -> tokens.reset(PasswordResetRequested.newBuilder().setSealedResetToken(forOffers).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.reset(PasswordResetRequested.getDefaultInstance())).as("no token at all")
                .isInstanceOf(IllegalArgumentException.class);
        @SuppressWarnings("deprecation")
        PasswordResetRequested before = PasswordResetRequested.newBuilder().setResetToken("in the clear").build();
        assertThat(tokens.reset(before)).isEqualTo("in the clear");
    }
}
