package io.ticketmesh.gateway.identity;

import static io.ticketmesh.gateway.persistence.jooq.Tables.EMAIL_CHANGES;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Address change links ({@link MailedLinks}), each waiting for the new address's confirmation. */
@Repository
public class EmailChanges extends MailedLinks {
    /** The address asked for, and whether its link was used. */
    public record Change(String newEmail, boolean used) {}

    public EmailChanges(DSLContext dsl) {
        super(dsl, EMAIL_CHANGES, EMAIL_CHANGES.USER_ID, EMAIL_CHANGES.TOKEN_HASH, EMAIL_CHANGES.REQUESTED_AT, EMAIL_CHANGES.USED_AT);
    }

    public void insert(UUID userId, String newEmail, byte[] tokenHash, OffsetDateTime requestedAt, OffsetDateTime expiresAt) {
        dsl.insertInto(EMAIL_CHANGES)
                .set(EMAIL_CHANGES.ID, UUID.randomUUID())
                .set(EMAIL_CHANGES.USER_ID, userId)
                .set(EMAIL_CHANGES.NEW_EMAIL, newEmail)
                .set(EMAIL_CHANGES.TOKEN_HASH, tokenHash)
                .set(EMAIL_CHANGES.REQUESTED_AT, requestedAt)
                .set(EMAIL_CHANGES.EXPIRES_AT, expiresAt)
                .execute();
    }

    /**
     * The change of this secret, unless it has expired (a used one is answered too, so a retry of its confirmation can
     * be told apart). Asked holding its account's lock, under which every change of the account is used, so of two uses
     * at once the second waits and then finds it used.
     */
    public Optional<Change> unexpired(byte[] tokenHash, OffsetDateTime now) {
        return dsl.select(EMAIL_CHANGES.NEW_EMAIL, EMAIL_CHANGES.USED_AT).from(EMAIL_CHANGES)
                .where(EMAIL_CHANGES.TOKEN_HASH.eq(tokenHash).and(EMAIL_CHANGES.EXPIRES_AT.gt(now)))
                .fetchOptional(row -> new Change(row.value1(), row.value2() != null));
    }
}
