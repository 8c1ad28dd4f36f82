package io.ticketmesh.workers.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import io.ticketmesh.proto.common.v1.EventMetadata;
import io.ticketmesh.proto.identity.v1.EmailChangeRequested;
import io.ticketmesh.proto.identity.v1.EmailChanged;
import io.ticketmesh.proto.identity.v1.PasswordChangeMethod;
import io.ticketmesh.proto.identity.v1.PasswordChanged;
import io.ticketmesh.proto.identity.v1.PasswordResetRequested;
import io.ticketmesh.platform.testing.TestSealing;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountEmailsTest {
    private static final Instant ASKED = Instant.parse("2026-12-05T09:00:00Z");
    private final AccountEmails emails = new AccountEmails(new MailProperties("tickets@example.test", "http://app.example.test"));

    @Test
    void aResetMailCarriesItsLinkAndSaysHowLongItWorks() {
        Mail mail = emails.passwordReset(PasswordResetRequested.newBuilder().setMetadata(at(ASKED)).setEmail("ada@example.test")
                .setName("Ada <Lovelace>").setExpiresAt(Timestamps.fromMillis(ASKED.plusSeconds(1800).toEpochMilli() - 3))
                .build(), "abc_DEF-123");
        assertThat(mail.to()).isEqualTo("ada@example.test");
        assertThat(mail.kind()).isEqualTo("password_reset");
        assertThat(mail.text()).contains("Hello Ada <Lovelace>,").contains("http://app.example.test/reset-password?token=abc_DEF-123")
                .contains("once, for 30 minutes (until 5 Dec 2026, 09:29 UTC)").contains("ignore this email");
        assertThat(mail.html()).contains("<a href=\"http://app.example.test/reset-password?token=abc_DEF-123\">")
                .contains("Ada &lt;Lovelace&gt;").doesNotContain("<Lovelace>");
    }

    @Test
    void aChangedPasswordIsToldSayingHowAndWhatToDoIfItWasNotTheOwner() {
        Mail reset = emails.passwordChanged(PasswordChanged.newBuilder().setMetadata(at(ASKED)).setEmail("ada@example.test")
                .setMethod(PasswordChangeMethod.PASSWORD_CHANGE_METHOD_RESET).build());
        assertThat(reset.subject()).isEqualTo("Your Ticketmesh password was changed");
        assertThat(reset.text()).startsWith("Hello,").contains("on 5 Dec 2026, 09:00 UTC, through a reset link")
                .contains("every session was signed out").contains("http://app.example.test/forgot-password");
        Mail changed = emails.passwordChanged(PasswordChanged.newBuilder().setMetadata(at(ASKED)).setEmail("ada@example.test")
                .setMethod(PasswordChangeMethod.PASSWORD_CHANGE_METHOD_CHANGE).build());
        assertThat(changed.text()).contains("by someone signed in to it; every other session was signed out");
    }

    @Test
    void aNewAddressGetsItsLinkAndTheOldOneIsToldWhereTheAccountWent() {
        Mail confirm = emails.emailConfirmation(EmailChangeRequested.newBuilder().setMetadata(at(ASKED)).setName("Ada")
                .setNewEmail("ada@new.example.test")
                .setExpiresAt(Timestamps.fromMillis(ASKED.plusSeconds(86_400).toEpochMilli() - 3)).build(), "tok+en/1");
        assertThat(confirm.to()).isEqualTo("ada@new.example.test");
        assertThat(confirm.kind()).isEqualTo("email_confirmation");
        assertThat(confirm.text()).contains("http://app.example.test/confirm-email?token=tok%2Ben%2F1")
                .contains("once, for 24 hours (until 6 Dec 2026, 08:59 UTC)").contains("keeps its address");

        Mail asked = emails.emailChangeAsked(EmailChangeRequested.newBuilder().setMetadata(at(ASKED)).setName("Ada")
                .setEmail("ada@old.example.test").setNewEmail("ada@new.example.test")
                .setSealedConfirmationToken(TestSealing.seal("tok+en/1", EmailChangeRequested.getDescriptor().findFieldByName("sealed_confirmation_token")))
                .setExpiresAt(Timestamps.fromMillis(ASKED.plusSeconds(86_400).toEpochMilli())).build());
        assertThat(asked.to()).isEqualTo("ada@old.example.test");
        assertThat(asked.kind()).isEqualTo("email_change_asked");
        assertThat(asked.text()).contains("to move it to ada@new.example.test").contains("until 6 Dec 2026, 09:00 UTC")
                .contains("http://app.example.test/forgot-password").doesNotContain("tok%2Ben");

        Mail changed = emails.emailChanged(EmailChanged.newBuilder().setMetadata(at(ASKED)).setName("Ada")
                .setOldEmail("ada@old.example.test").setNewEmail("ada@new.example.test").build());
        assertThat(changed.to()).isEqualTo("ada@old.example.test");
        assertThat(changed.kind()).isEqualTo("email_changed");
        assertThat(changed.text()).contains("changed to ada@new.example.test on 5 Dec 2026, 09:00 UTC").contains("reply to this email");
    }

    private static EventMetadata at(Instant when) {
        return EventMetadata.newBuilder().setOccurredAt(Timestamps.fromMillis(when.toEpochMilli())).build();
    }
}
