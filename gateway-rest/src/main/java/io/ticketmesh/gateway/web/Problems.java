package io.ticketmesh.gateway.web;

import io.grpc.Status;
import io.ticketmesh.platform.context.RequestContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.ErrorReasons;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details for every failure the gateway answers: {@code status}, {@code title}, {@code detail},
 * the stable {@code code} (the gRPC ErrorInfo reason), {@code errors} for field violations, the {@code request_id},
 * and any ErrorInfo metadata as JSON of its {@link ErrorDetail} form (e.g. {@code seat_ids} as an array).
 */
public final class Problems {
    private Problems() {}

    public static ProblemDetail of(HttpStatus status, ErrorReason reason, String detail) {
        return of(status, reason, detail, List.of(), Map.of());
    }

    public static ProblemDetail of(HttpStatus status, ErrorReason reason, String detail, List<FieldViolation> violations,
                                   Map<String, String> metadata) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail == null || detail.isBlank() ? status.getReasonPhrase() : detail);
        problem.setTitle(status.getReasonPhrase());
        String code = ErrorReasons.wireName(reason == ErrorReason.ERROR_REASON_UNSPECIFIED ? fallbackReason(status) : reason);
        problem.setType(URI.create("https://docs.ticketmesh.io/errors/" + code.toLowerCase().replace('_', '-')));
        problem.setProperty("code", code);
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations.stream()
                    .map(v -> Map.of("field", v.field(), "detail", v.description())).toList());
        }
        metadata.forEach((key, value) -> {
            if (!key.equals("request_id")) {
                problem.setProperty(key, ErrorDetail.byKey(key).map(known -> json(known.form(), value)).orElse(value));
            }
        });
        problem.setProperty("request_id", RequestContext.currentRequestId());
        return problem;
    }

    /** A detail's string as JSON of its form; one a service sent that does not read as its form stays a string. */
    private static Object json(ErrorDetail.Form form, String value) {
        return switch (form) {
            case LIST -> ErrorDetail.items(value);
            case INTEGER -> value.matches("-?\\d{1,18}") ? Long.parseLong(value) : value;
            case TEXT, TIME -> value;
        };
    }

    public static ProblemDetail of(DomainException e) {
        return of(httpStatus(e.kind()), e.reason(), e.getMessage(), e.violations(), e.metadata());
    }

    /** A failed downstream call, translated: status code to HTTP status, ErrorInfo reason to code. */
    public static ProblemDetail of(RemoteError e) {
        HttpStatus status = httpStatus(e.code());
        String detail = status.is5xxServerError() && e.code() != Status.Code.UNIMPLEMENTED ? null : e.message();
        return of(status, e.reason(), detail, e.violations(), e.metadata());
    }

    public static HttpStatus httpStatus(FailureKind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED -> HttpStatus.CONFLICT;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    static HttpStatus httpStatus(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED -> HttpStatus.CONFLICT;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNIMPLEMENTED -> HttpStatus.NOT_IMPLEMENTED;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    private static ErrorReason fallbackReason(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> ErrorReason.ERROR_REASON_NOT_FOUND;
            case UNAUTHORIZED -> ErrorReason.ERROR_REASON_UNAUTHENTICATED;
            case FORBIDDEN -> ErrorReason.ERROR_REASON_PERMISSION_DENIED;
            case NOT_IMPLEMENTED -> ErrorReason.ERROR_REASON_NOT_IMPLEMENTED;
            case SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT -> ErrorReason.ERROR_REASON_DEPENDENCY_UNAVAILABLE;
            case TOO_MANY_REQUESTS -> ErrorReason.ERROR_REASON_RATE_LIMITED;
            case BAD_REQUEST -> ErrorReason.ERROR_REASON_VALIDATION_FAILED;
            case CONFLICT -> ErrorReason.ERROR_REASON_INVALID_STATE;
            default -> ErrorReason.ERROR_REASON_INTERNAL;
        };
    }
}
