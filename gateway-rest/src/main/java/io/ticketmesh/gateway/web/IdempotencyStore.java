package io.ticketmesh.gateway.web;

import static io.ticketmesh.gateway.persistence.jooq.Tables.IDEMPOTENCY_RECORDS;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/** Idempotency-Key records in the identity database, kept for a day. */
@Repository
public class IdempotencyStore {
    private static final Duration KEEP = Duration.ofHours(24);

    /** What was stored for a key; status is null while the first request is still running. */
    public record Record(byte[] requestHash, Integer status, String contentType, byte[] body) {}

    /** The outcome of claiming a key: nothing existing means the caller owns it now. */
    public record Claim(Record existing) {}

    private final DSLContext dsl;
    private final Clock clock;

    public IdempotencyStore(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** The scope of a signed-in user's keys. */
    public static String userScope(String userId) {
        return "user:" + userId;
    }

    /** Forgets every key of the user, and the answers stored with them (their account closed). */
    public void forgetUser(String userId) {
        dsl.deleteFrom(IDEMPOTENCY_RECORDS).where(IDEMPOTENCY_RECORDS.SCOPE.eq(userScope(userId))).execute();
    }

    public Claim claim(String scope, String key, byte[] requestHash) {
        int inserted = dsl.insertInto(IDEMPOTENCY_RECORDS)
                .set(IDEMPOTENCY_RECORDS.SCOPE, scope).set(IDEMPOTENCY_RECORDS.IDEM_KEY, key)
                .set(IDEMPOTENCY_RECORDS.REQUEST_HASH, requestHash)
                .onConflictDoNothing().execute();
        if (inserted == 1) {
            return new Claim(null);
        }
        return new Claim(dsl.selectFrom(IDEMPOTENCY_RECORDS)
                .where(IDEMPOTENCY_RECORDS.SCOPE.eq(scope).and(IDEMPOTENCY_RECORDS.IDEM_KEY.eq(key)))
                .fetchOne(r -> new Record(r.getRequestHash(), r.getStatus(), r.getContentType(), r.getBody())));
    }

    public void complete(String scope, String key, int status, String contentType, byte[] body) {
        dsl.update(IDEMPOTENCY_RECORDS)
                .set(IDEMPOTENCY_RECORDS.STATUS, status).set(IDEMPOTENCY_RECORDS.CONTENT_TYPE, contentType)
                .set(IDEMPOTENCY_RECORDS.BODY, body)
                .where(IDEMPOTENCY_RECORDS.SCOPE.eq(scope).and(IDEMPOTENCY_RECORDS.IDEM_KEY.eq(key)))
                .execute();
    }

    /** Forgets a key whose request failed on our side, so the client's retry runs again. */
    public void release(String scope, String key) {
        dsl.deleteFrom(IDEMPOTENCY_RECORDS)
                .where(IDEMPOTENCY_RECORDS.SCOPE.eq(scope).and(IDEMPOTENCY_RECORDS.IDEM_KEY.eq(key)).and(IDEMPOTENCY_RECORDS.STATUS.isNull()))
                .execute();
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void forgetOldKeys() {
        dsl.deleteFrom(IDEMPOTENCY_RECORDS)
                .where(IDEMPOTENCY_RECORDS.CREATED_AT.lt(clock.instant().minus(KEEP).atOffset(ZoneOffset.UTC)))
                .execute();
    }
}
