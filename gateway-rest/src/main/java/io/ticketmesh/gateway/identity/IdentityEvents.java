package io.ticketmesh.gateway.identity;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.util.Timestamps;
import io.ticketmesh.platform.auth.RevocationFeed;
import io.ticketmesh.platform.auth.Revocations;
import io.ticketmesh.platform.crypto.SecretSealer;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.persistence.AfterCommit;
import io.ticketmesh.proto.identity.v1.AccessRevoked;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.proto.identity.v1.EmailChangeRequested;
import io.ticketmesh.proto.identity.v1.EmailChanged;
import io.ticketmesh.proto.identity.v1.PasswordChangeMethod;
import io.ticketmesh.proto.identity.v1.PasswordChanged;
import io.ticketmesh.proto.identity.v1.PasswordResetRequested;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The account events the gateway publishes, through the outbox in the caller's transaction: on {@value #TOPIC} for
 * workers to mail, revocations on {@link RevocationFeed#TOPIC} for every process that verifies tokens, and closed
 * accounts on {@value #CLOSURES_TOPIC} for every service that keeps customers' names and addresses.
 */
@Component
public class IdentityEvents {
    /** Keyed by user id; proto/ticketmesh/identity/v1/events.proto. */
    public static final String TOPIC = "ticketmesh.identity";
    /** AccountClosed, keyed by user id, for every service that keeps a customer's name or address to erase them. */
    public static final String CLOSURES_TOPIC = "ticketmesh.identity.closures";
    private static final FieldDescriptor SEALED_RESET_TOKEN =
            PasswordResetRequested.getDescriptor().findFieldByNumber(PasswordResetRequested.SEALED_RESET_TOKEN_FIELD_NUMBER);
    private static final FieldDescriptor SEALED_CONFIRMATION_TOKEN =
            EmailChangeRequested.getDescriptor().findFieldByNumber(EmailChangeRequested.SEALED_CONFIRMATION_TOKEN_FIELD_NUMBER);
    private final Outbox outbox;
    private final SecretSealer sealer;
    private final Revocations revocations;
    private final Clock clock;

    /**
     * {@code sealer}: seals the links' secrets for workers, which alone read them; {@code revocations}: this gateway's,
     * which a revocation reaches at its commit.
     */
    public IdentityEvents(Outbox outbox, SecretSealer sealer, Revocations revocations, Clock clock) {
        this.outbox = outbox;
        this.sealer = sealer;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** {@code version}: the account's, after the request. */
    public void resetRequested(Accounts.User user, long version, String resetToken, OffsetDateTime expiresAt) {
        outbox.append(TOPIC, PasswordResetRequested.newBuilder()
                .setMetadata(EventMetadatas.next(user.id().toString(), version))
                .setUserId(user.id().toString()).setEmail(user.email()).setName(user.name())
                .setSealedResetToken(sealer.seal(resetToken, SEALED_RESET_TOKEN))
                .setExpiresAt(Timestamps.fromMillis(expiresAt.toInstant().toEpochMilli()))
                .build());
    }

    /**
     * The user's access tokens issued before {@code notBefore} are refused from now on, but those of session
     * {@code keptSession} (null: none): by this gateway as soon as the transaction commits, before its answer goes and
     * whether Kafka is up or not, and by every other process (other gateways, the services) as their feed reads it.
     */
    public void accessRevoked(UUID userId, long version, OffsetDateTime notBefore, UUID keptSession, String reason) {
        AccessRevoked.Builder event = AccessRevoked.newBuilder()
                .setMetadata(EventMetadatas.next(userId.toString(), version))
                .setUserId(userId.toString())
                .setNotBefore(Timestamps.fromMillis(notBefore.toInstant().toEpochMilli()))
                .setReason(reason);
        if (keptSession != null) {
            event.setKeptSessionId(keptSession.toString());
        }
        AccessRevoked revoked = event.build();
        outbox.append(RevocationFeed.TOPIC, revoked);
        AfterCommit.run(() -> revocations.apply(revoked, clock.instant()));
    }

    /** {@code version}: the account's, after the request. */
    public void emailChangeRequested(Accounts.User user, long version, String newEmail, String confirmationToken,
                                     OffsetDateTime expiresAt) {
        outbox.append(TOPIC, EmailChangeRequested.newBuilder()
                .setMetadata(EventMetadatas.next(user.id().toString(), version))
                .setUserId(user.id().toString()).setName(user.name()).setEmail(user.email()).setNewEmail(newEmail)
                .setSealedConfirmationToken(sealer.seal(confirmationToken, SEALED_CONFIRMATION_TOKEN))
                .setExpiresAt(Timestamps.fromMillis(expiresAt.toInstant().toEpochMilli()))
                .build());
    }

    /** {@code user}: as it was, at its old address. */
    public void emailChanged(Accounts.User user, long version, String newEmail) {
        outbox.append(TOPIC, EmailChanged.newBuilder()
                .setMetadata(EventMetadatas.next(user.id().toString(), version))
                .setUserId(user.id().toString()).setName(user.name()).setOldEmail(user.email()).setNewEmail(newEmail)
                .build());
    }

    /** {@code version}: the account's last. */
    public void accountClosed(Accounts.User user, long version) {
        outbox.append(CLOSURES_TOPIC, AccountClosed.newBuilder()
                .setMetadata(EventMetadatas.next(user.id().toString(), version))
                .setUserId(user.id().toString()).setEmail(user.email()).setName(user.name())
                .build());
    }

    public void passwordChanged(Accounts.User user, long version, PasswordChangeMethod method) {
        outbox.append(TOPIC, PasswordChanged.newBuilder()
                .setMetadata(EventMetadatas.next(user.id().toString(), version))
                .setUserId(user.id().toString()).setEmail(user.email()).setName(user.name())
                .setMethod(method)
                .build());
    }
}
