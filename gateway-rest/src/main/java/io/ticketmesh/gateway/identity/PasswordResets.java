package io.ticketmesh.gateway.identity;

import static io.ticketmesh.gateway.persistence.jooq.Tables.PASSWORD_RESETS;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Password reset links ({@link MailedLinks}). */
@Repository
public class PasswordResets extends MailedLinks {
    public PasswordResets(DSLContext dsl) {
        super(dsl, PASSWORD_RESETS, PASSWORD_RESETS.USER_ID, PASSWORD_RESETS.TOKEN_HASH, PASSWORD_RESETS.REQUESTED_AT,
                PASSWORD_RESETS.USED_AT);
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

    /**
     * Whether the reset is unused and unexpired. Asked holding its account's lock, under which every reset of the
     * account is used, so of two uses at once the second waits and then finds it used.
     */
    public boolean usable(byte[] tokenHash, OffsetDateTime now) {
        return dsl.fetchExists(PASSWORD_RESETS, PASSWORD_RESETS.TOKEN_HASH.eq(tokenHash).and(PASSWORD_RESETS.USED_AT.isNull())
                .and(PASSWORD_RESETS.EXPIRES_AT.gt(now)));
    }
}
