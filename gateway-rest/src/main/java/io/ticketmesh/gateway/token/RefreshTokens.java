package io.ticketmesh.gateway.token;

import io.ticketmesh.platform.crypto.OpaqueSecrets;
import static io.ticketmesh.gateway.persistence.jooq.Tables.REFRESH_TOKENS;

import io.ticketmesh.gateway.config.GatewayProperties;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens ({@link OpaqueSecrets}). Every use rotates the token within its family; a rotated token
 * presented again means it leaked, so the whole family is revoked. Callers run these in their transaction.
 */
@Component
public class RefreshTokens {
    /** A fresh token (shown to the client once) and the family it belongs to. */
    public record Issued(String token, UUID familyId, UUID userId) {}

    private final DSLContext dsl;
    private final Duration ttl;
    private final Clock clock;

    public RefreshTokens(DSLContext dsl, GatewayProperties properties, Clock clock) {
        this.dsl = dsl;
        this.ttl = properties.tokens().refreshTtl();
        this.clock = clock;
    }

    /** Starts a new family, at login. */
    public Issued startFamily(UUID userId) {
        return issue(userId, UUID.randomUUID(), now().plus(ttl));
    }

    /** The account a token was issued to, whatever its state (read without a lock, to lock the account first). */
    public Optional<UUID> userOf(String presented) {
        return dsl.select(REFRESH_TOKENS.USER_ID).from(REFRESH_TOKENS).where(REFRESH_TOKENS.TOKEN_HASH.eq(OpaqueSecrets.hash(presented)))
                .fetchOptional(REFRESH_TOKENS.USER_ID);
    }

    /** Exchanges a token for the next one of its family; the family keeps its original expiry. */
    public Issued rotate(String presented) {
        var row = dsl.selectFrom(REFRESH_TOKENS).where(REFRESH_TOKENS.TOKEN_HASH.eq(OpaqueSecrets.hash(presented))).forUpdate().fetchOne();
        if (row == null || row.getRevokedAt() != null || !row.getExpiresAt().isAfter(now())) {
            throw new DomainException(FailureKind.UNAUTHENTICATED, ErrorReason.ERROR_REASON_REFRESH_TOKEN_INVALID,
                    "the refresh token is unknown, expired or revoked; log in again");
        }
        if (row.getRotatedAt() != null) {
            revokeFamily(row.getFamilyId());
            throw new DomainException(FailureKind.UNAUTHENTICATED, ErrorReason.ERROR_REASON_REFRESH_TOKEN_REUSED,
                    "this refresh token was already used; every session of its family is now signed out");
        }
        row.setRotatedAt(now());
        row.store();
        return issue(row.getUserId(), row.getFamilyId(), row.getExpiresAt());
    }

    public void revokeFamily(UUID familyId) {
        dsl.update(REFRESH_TOKENS).set(REFRESH_TOKENS.REVOKED_AT, now())
                .where(REFRESH_TOKENS.FAMILY_ID.eq(familyId).and(REFRESH_TOKENS.REVOKED_AT.isNull())).execute();
    }

    /** Signs the user out everywhere but the session {@code keep} (null: everywhere), as a password change does. */
    public void revokeAllOf(UUID userId, UUID keep) {
        dsl.update(REFRESH_TOKENS).set(REFRESH_TOKENS.REVOKED_AT, now())
                .where(REFRESH_TOKENS.USER_ID.eq(userId).and(REFRESH_TOKENS.REVOKED_AT.isNull())
                        .and(keep == null ? DSL.noCondition() : REFRESH_TOKENS.FAMILY_ID.ne(keep)))
                .execute();
    }

    /** Deletes every token of the user, as their account is closed. */
    public void deleteAllOf(UUID userId) {
        dsl.deleteFrom(REFRESH_TOKENS).where(REFRESH_TOKENS.USER_ID.eq(userId)).execute();
    }

    private Issued issue(UUID userId, UUID familyId, OffsetDateTime expiresAt) {
        String token = OpaqueSecrets.next();
        dsl.insertInto(REFRESH_TOKENS)
                .set(REFRESH_TOKENS.ID, UUID.randomUUID())
                .set(REFRESH_TOKENS.FAMILY_ID, familyId)
                .set(REFRESH_TOKENS.USER_ID, userId)
                .set(REFRESH_TOKENS.TOKEN_HASH, OpaqueSecrets.hash(token))
                .set(REFRESH_TOKENS.EXPIRES_AT, expiresAt)
                .execute();
        return new Issued(token, familyId, userId);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
