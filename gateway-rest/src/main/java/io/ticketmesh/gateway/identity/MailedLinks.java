package io.ticketmesh.gateway.identity;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * What the tables of mailed links (password resets, address changes) share: a row an account asked for, found by the
 * SHA-256 of the link's secret, used once, counted against an hourly limit, forgotten a day later. Callers run these in
 * their transaction, holding the account's lock where a link is used.
 */
abstract class MailedLinks {
    protected final DSLContext dsl;
    private final Table<?> table;
    private final Field<UUID> userId;
    private final Field<byte[]> tokenHash;
    private final Field<OffsetDateTime> requestedAt;
    private final Field<OffsetDateTime> usedAt;

    MailedLinks(DSLContext dsl, Table<?> table, Field<UUID> userId, Field<byte[]> tokenHash, Field<OffsetDateTime> requestedAt,
                Field<OffsetDateTime> usedAt) {
        this.dsl = dsl;
        this.table = table;
        this.userId = userId;
        this.tokenHash = tokenHash;
        this.requestedAt = requestedAt;
        this.usedAt = usedAt;
    }

    /** How many links the user asked for since then. */
    public int requestedSince(UUID user, OffsetDateTime since) {
        return dsl.fetchCount(table, userId.eq(user).and(requestedAt.ge(since)));
    }

    /** The account the link is for, whatever its state. */
    public Optional<UUID> userOf(byte[] hash) {
        return dsl.select(userId).from(table).where(tokenHash.eq(hash)).fetchOptional(userId);
    }

    /** Uses up every open link of the user: once what it would change has changed, no link mailed before works. */
    public void useAll(UUID user, OffsetDateTime now) {
        dsl.update(table).set(usedAt, now).where(userId.eq(user).and(usedAt.isNull())).execute();
    }

    /** Deletes every link of the user, as their account is closed. */
    public void forgetAllOf(UUID user) {
        dsl.deleteFrom(table).where(userId.eq(user)).execute();
    }

    /** Deletes the links asked for before then. */
    public void forgetRequestedBefore(OffsetDateTime before) {
        dsl.deleteFrom(table).where(requestedAt.lt(before)).execute();
    }
}
