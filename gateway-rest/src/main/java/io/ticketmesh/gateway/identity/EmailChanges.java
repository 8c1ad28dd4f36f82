package io.ticketmesh.gateway.identity;

import static io.ticketmesh.gateway.persistence.jooq.Tables.EMAIL_CHANGES;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Address changes waiting for their confirmation, by the SHA-256 of its secret. Callers run these in their transaction. */
@Repository
public class EmailChanges {
    /** The address asked for, and whether its link was used. */
    public record Change(String newEmail, boolean used) {}

    private final DSLContext dsl;

    public EmailChanges(DSLContext dsl) {
        this.dsl = dsl;
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

    /** How many changes the user asked for since then. */
    public int requestedSince(UUID userId, OffsetDateTime since) {
        return dsl.fetchCount(EMAIL_CHANGES, EMAIL_CHANGES.USER_ID.eq(userId).and(EMAIL_CHANGES.REQUESTED_AT.ge(since)));
    }

    /** The account the change is for, whatever its state. */
    public Optional<UUID> userOf(byte[] tokenHash) {
        return dsl.select(EMAIL_CHANGES.USER_ID).from(EMAIL_CHANGES).where(EMAIL_CHANGES.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(EMAIL_CHANGES.USER_ID);
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

    /** Uses up every open change of the user: once the address changed, no link mailed before works. */
    public void useAll(UUID userId, OffsetDateTime now) {
        dsl.update(EMAIL_CHANGES).set(EMAIL_CHANGES.USED_AT, now)
                .where(EMAIL_CHANGES.USER_ID.eq(userId).and(EMAIL_CHANGES.USED_AT.isNull())).execute();
    }
}
