package io.ticketmesh.platform.error;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.ticketmesh.platform.context.RequestContext;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become gRPC statuses: a {@link DomainException} becomes its status code with
 * {@code ErrorInfo} and {@code BadRequest}; anything unexpected becomes INTERNAL without internals, logged
 * with its stack trace under the request id the caller can quote.
 */
public final class GrpcErrors {
    private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

    private GrpcErrors() {}

    public static StatusException toStatus(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DomainException domain) {
            return fromDomain(domain);
        }
        if (cause instanceof StatusException status) {
            return status;
        }
        if (cause instanceof StatusRuntimeException status) {
            return status.getStatus().asException(status.getTrailers());
        }
        String requestId = RequestContext.currentRequestId();
        log.error("unexpected failure (request id {})", requestId, cause);
        return build(Code.INTERNAL, "internal error; quote request id " + requestId + " when reporting it",
                ErrorReason.ERROR_REASON_INTERNAL, Map.of("request_id", requestId), BadRequest.getDefaultInstance());
    }

    private static StatusException fromDomain(DomainException e) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        e.violations().forEach(v -> badRequest.addFieldViolationsBuilder().setField(v.field()).setDescription(v.description()));
        return build(codeOf(e.kind()), e.getMessage(), e.reason(), e.metadata(), badRequest.build());
    }

    private static StatusException build(Code code, String message, ErrorReason reason, Map<String, String> metadata,
                                         BadRequest badRequest) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message == null ? "" : message)
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(ErrorReasons.wireName(reason))
                        .setDomain(ErrorReasons.DOMAIN)
                        .putAllMetadata(metadata)
                        .build()));
        if (badRequest.getFieldViolationsCount() > 0) {
            status.addDetails(Any.pack(badRequest));
        }
        return StatusProto.toStatusException(status.build());
    }

    static Code codeOf(FailureKind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Code.NOT_FOUND;
            case ALREADY_EXISTS -> Code.ALREADY_EXISTS;
            case PERMISSION_DENIED -> Code.PERMISSION_DENIED;
            case UNAUTHENTICATED -> Code.UNAUTHENTICATED;
            case FAILED_PRECONDITION -> Code.FAILED_PRECONDITION;
            case ABORTED -> Code.ABORTED;
            case RESOURCE_EXHAUSTED -> Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Code.UNAVAILABLE;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof java.util.concurrent.CompletionException
                || current instanceof java.util.concurrent.ExecutionException
                || current instanceof java.lang.reflect.UndeclaredThrowableException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Ends a server call with the mapped failure; for interceptors that refuse a call before the service sees it. */
    public static void close(io.grpc.ServerCall<?, ?> call, Throwable failure) {
        StatusException status = toStatus(failure);
        call.close(status.getStatus(), status.getTrailers() == null ? new io.grpc.Metadata() : status.getTrailers());
    }
}
