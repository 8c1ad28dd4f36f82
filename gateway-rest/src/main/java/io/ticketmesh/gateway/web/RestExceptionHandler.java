package io.ticketmesh.gateway.web;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.platform.context.RequestContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every failure leaves the gateway as problem+json with a stable code: domain errors and downstream gRPC statuses
 * by their reason, bad input naming the field, and anything unexpected as a bare 500 that only carries the
 * request id (the details go to the log).
 */
@RestControllerAdvice
public class RestExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(RestExceptionHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e) {
        ResponseEntity<Object> response = respond(Problems.of(e));
        String retryAfter = ErrorDetail.RETRY_AFTER_SECONDS.in(e.metadata());
        if (retryAfter.isEmpty()) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, retryAfter).body(response.getBody());
    }

    @ExceptionHandler(StatusRuntimeException.class)
    ResponseEntity<Object> downstream(StatusRuntimeException e) {
        RemoteError error = RemoteError.of(e);
        if (Problems.httpStatus(error.code()).is5xxServerError()) {
            log.warn("downstream call failed: {} {}", error.code(), error.message());
        }
        return respond(Problems.of(error));
    }

    @ExceptionHandler(CallNotPermittedException.class)
    ResponseEntity<Object> circuitOpen(CallNotPermittedException e) {
        ResponseEntity<Object> response = respond(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                ErrorReason.ERROR_REASON_DEPENDENCY_UNAVAILABLE, "a service this call needs is unavailable; retry shortly"));
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, "5").body(response.getBody());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Object> invalidBody(MethodArgumentNotValidException e) {
        List<FieldViolation> violations = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldViolation(JsonNames.snakeCase(f.getField()), f.getDefaultMessage()))
                .toList();
        return respond(Problems.of(DomainException.invalid(violations)));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Object> invalidParameters(HandlerMethodValidationException e) {
        List<FieldViolation> violations = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldViolation(
                        JsonNames.snakeCase(r.getMethodParameter().getParameterName()), err.getDefaultMessage())))
                .toList();
        return respond(Problems.of(DomainException.invalid(violations)));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraint(ConstraintViolationException e) {
        return respond(Problems.of(DomainException.invalid(e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(JsonNames.snakeCase(lastNode(v.getPropertyPath().toString())), v.getMessage()))
                .toList())));
    }

    /** Unreadable bodies: not JSON at all (400 MALFORMED_REQUEST), or JSON with a wrong type, unknown enum or field. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String description = cause instanceof UnrecognizedPropertyException ? "unknown field" : describe(mapping);
            return respond(Problems.of(DomainException.invalid(field, description)));
        }
        String detail = cause instanceof JacksonException ? "the body is not valid JSON" : "the body is missing or unreadable";
        return respond(Problems.of(HttpStatus.BAD_REQUEST, ErrorReason.ERROR_REASON_MALFORMED_REQUEST, detail));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : switch (e.getRequiredType().getSimpleName()) {
            case "UUID" -> "an id (UUID)";
            case "Integer", "int", "Long", "long" -> "a whole number";
            default -> "a " + e.getRequiredType().getSimpleName();
        };
        return respond(Problems.of(DomainException.invalid(e.getName(), "must be " + expected)));
    }

    /**
     * A path id that is blank ({@code /api/v1/venues/%20}): the conversion to a UUID gives null rather than failing.
     * Any other missing path variable is a mapping of ours gone wrong, so it stays a 500.
     */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<Object> blankPathVariable(MissingPathVariableException e) {
        if (!e.isMissingAfterConversion()) {
            return unexpected(e);
        }
        return respond(Problems.of(DomainException.invalid(e.getVariableName(), "must be an id (UUID)")));
    }

    /** A query string that does not decode ({@code ?q=%zz}, or bytes that are not UTF-8): Tomcat refuses to read its parameters. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableQuery(InvalidParameterException e) {
        return respond(Problems.of(HttpStatus.BAD_REQUEST, ErrorReason.ERROR_REASON_MALFORMED_REQUEST,
                "the query string is not valid percent-encoded UTF-8"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return respond(Problems.of(DomainException.invalid(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException e) {
        return respond(Problems.of(DomainException.invalid(e.getHeaderName(), "header is required")));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorReason.ERROR_REASON_UNSUPPORTED_MEDIA_TYPE,
                "send the body as application/json"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(Problems.of(HttpStatus.NOT_ACCEPTABLE, ErrorReason.ERROR_REASON_UNSUPPORTED_MEDIA_TYPE,
                "this resource is available as application/json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
        return respond(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, ErrorReason.ERROR_REASON_METHOD_NOT_ALLOWED,
                e.getMethod() + " is not supported here"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> noRoute(NoResourceFoundException e) {
        return respond(Problems.of(HttpStatus.NOT_FOUND, ErrorReason.ERROR_REASON_NOT_FOUND, "no such resource"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected failure (request id {})", RequestContext.currentRequestId(), e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, ErrorReason.ERROR_REASON_INTERNAL,
                "internal error; quote the request id when reporting it"));
    }

    static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body((Object) ProblemWriter.asMap(problem));
    }

    private static String describe(DatabindException mapping) {
        String message = mapping.getOriginalMessage();
        if (message.contains("not one of the values accepted for Enum class")) {
            return "unknown value; allowed: " + message.substring(message.indexOf('[') + 1, message.lastIndexOf(']'));
        }
        if (message.contains("Cannot deserialize value of type") || message.contains("Cannot coerce")) {
            return "has the wrong type";
        }
        return "is not a valid value";
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
