package io.ticketmesh.gateway.identity;

import static io.ticketmesh.gateway.persistence.jooq.Tables.PASSWORD_RESETS;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Password reset tokens, by the SHA-256 of their secret. Callers run these in their transaction. */
@Repository
public class PasswordResets {
    private final DSLContext dsl;

    public PasswordResets(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(UUID userId, byte[] tokenHash, OffsetDateTime requestedAt, OffsetDateTime expiresAt) {
        dsl.insertInto(PASSWORD_RESETS)
                .set(PASSWORD_RESETS.ID, UUID.randomUUID())
                .set(PASSWORD_RESETS.USER_ID, userId)
                .set(PASSWORD_RESETS.TOKEN_HASH, tokenHash)
                .set(PASSWORD_RESETS.REQUESTED_AT, requestedAt)
                .set(PASSWORD_RESETS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** How many resets the user asked for since then. */
    public int requestedSince(UUID userId, OffsetDateTime since) {
        return dsl.fetchCount(PASSWORD_RESETS, PASSWORD_RESETS.USER_ID.eq(userId).and(PASSWORD_RESETS.REQUESTED_AT.ge(since)));
    }

    /** The account the reset is for, whatever its state. */
    public Optional<UUID> userOf(byte[] tokenHash) {
        return dsl.select(PASSWORD_RESETS.USER_ID).from(PASSWORD_RESETS).where(PASSWORD_RESETS.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(PASSWORD_RESETS.USER_ID);
    }

    /**
     * Whether the reset is unused and unexpired. Asked holding its account's lock, under which every reset of the
     * account is used, so of two uses at once the second waits and then finds it used.
     */
    public boolean usable(byte[] tokenHash, OffsetDateTime now) {
        return dsl.fetchExists(PASSWORD_RESETS, PASSWORD_RESETS.TOKEN_HASH.eq(tokenHash).and(PASSWORD_RESETS.USED_AT.isNull())
                .and(PASSWORD_RESETS.EXPIRES_AT.gt(now)));
    }

    /** Uses up every open reset of the user: once the password changed, no link mailed before works. */
    public void useAll(UUID userId, OffsetDateTime now) {
        dsl.update(PASSWORD_RESETS).set(PASSWORD_RESETS.USED_AT, now)
                .where(PASSWORD_RESETS.USER_ID.eq(userId).and(PASSWORD_RESETS.USED_AT.isNull())).execute();
    }
}
