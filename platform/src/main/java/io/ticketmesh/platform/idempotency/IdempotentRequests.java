package io.ticketmesh.platform.idempotency;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes a mutating RPC idempotent by its {@code request_id}: the first call runs and its response is stored in the
 * same transaction as its effect; a retry with the same request returns that response and changes nothing; the
 * same request_id with a different request fails with IDEMPOTENCY_KEY_REUSED. Keys are scoped by RPC and caller.
 * Two identical calls at once are serialized by the primary key: the second waits for the first to commit.
 */
public final class IdempotentRequests {
    private static final Table<Record> KEYS = table(name("idempotency_keys"));
    private static final Field<String> SCOPE = field(name("scope"), String.class);
    private static final Field<String> REQUEST_ID = field(name("request_id"), String.class);
    private static final Field<byte[]> REQUEST_HASH = field(name("request_hash"), byte[].class);
    private static final Field<byte[]> RESPONSE = field(name("response"), byte[].class);

    private final DSLContext dsl;

    public IdempotentRequests(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Runs {@code work} once per request id. Must be called inside the transaction that makes the change.
     *
     * @param requestId the request's request_id
     * @param request the whole request, whose hash tells a retry from a different request
     */
    public <R extends Message> R once(String requestId, Message request, Parser<R> responses, Supplier<R> work) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("IdempotentRequests.once must run in the transaction that makes the change");
        }
        String scope = scope(request);
        int claimed = dsl.insertInto(KEYS).set(SCOPE, scope).set(REQUEST_ID, requestId).set(REQUEST_HASH, sha256(request.toByteArray()))
                .set(RESPONSE, new byte[0]).onConflictDoNothing().execute();
        if (claimed == 0) {
            return previous(requestId, request, responses).orElseThrow();
        }
        R response = work.get();
        dsl.update(KEYS).set(RESPONSE, response.toByteArray()).where(SCOPE.eq(scope).and(REQUEST_ID.eq(requestId))).execute();
        return response;
    }

    /**
     * The stored response of an earlier call with this request id, if one committed; fails with
     * IDEMPOTENCY_KEY_REUSED when that call was a different request. For work that must call something outside
     * the transaction first: a retry is answered before anything is repeated.
     */
    public <R extends Message> Optional<R> previous(String requestId, Message request, Parser<R> responses) {
        Record first = dsl.select(REQUEST_HASH, RESPONSE).from(KEYS).where(SCOPE.eq(scope(request)).and(REQUEST_ID.eq(requestId))).fetchOne();
        if (first == null) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(first.get(REQUEST_HASH), sha256(request.toByteArray()))) {
            throw new DomainException(FailureKind.ABORTED, ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED,
                    "request_id " + requestId + " was used for a different request");
        }
        try {
            return Optional.of(responses.parseFrom(first.get(RESPONSE)));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored response for " + requestId + " does not parse", e);
        }
    }

    private static String scope(Message request) {
        return request.getDescriptorForType().getFullName() + "/" + CallerContext.current().userId();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
