package io.ticketmesh.platform.error;

import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An expected failure with a stable reason, thrown by domain code and mapped once to a gRPC status with
 * {@code ErrorInfo} (and {@code BadRequest} when there are field violations). Never becomes UNKNOWN or INTERNAL.
 */
public class DomainException extends RuntimeException {
    private final FailureKind kind;
    private final ErrorReason reason;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<FieldViolation> violations;

    public DomainException(FailureKind kind, ErrorReason reason, String message) {
        this(kind, reason, message, List.of());
    }

    public DomainException(FailureKind kind, ErrorReason reason, String message, List<FieldViolation> violations) {
        super(message, null, false, false);
        this.kind = kind;
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    /** Adds a machine-readable detail to ErrorInfo.metadata, e.g. the account's open till shift. */
    public DomainException with(ErrorDetail detail, String value) {
        metadata.put(detail.key(), value);
        return this;
    }

    /** Adds a LIST detail, e.g. the seats that were taken: the items comma-separated, as {@link ErrorDetail#items} reads them. */
    public DomainException with(ErrorDetail detail, Collection<?> items) {
        return with(detail, items.stream().map(Object::toString).collect(Collectors.joining(",")));
    }

    /** The same failure, with its details, naming these fields instead. */
    public DomainException withViolations(List<FieldViolation> renamed) {
        DomainException copy = new DomainException(kind, reason, getMessage(), renamed);
        copy.metadata.putAll(metadata);
        return copy;
    }

    public FailureKind kind() {
        return kind;
    }

    public ErrorReason reason() {
        return reason;
    }

    /** The reason as it appears on the wire: the enum value name without its ERROR_REASON_ prefix. */
    public String reasonName() {
        return ErrorReasons.wireName(reason);
    }

    public Map<String, String> metadata() {
        return Map.copyOf(metadata);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public static DomainException notFound(String what, String id) {
        return new DomainException(FailureKind.NOT_FOUND, ErrorReason.ERROR_REASON_NOT_FOUND, what + " " + id + " does not exist");
    }

    public static DomainException invalid(List<FieldViolation> violations) {
        return new DomainException(FailureKind.INVALID_ARGUMENT, ErrorReason.ERROR_REASON_VALIDATION_FAILED,
                violations.size() == 1 ? violations.getFirst().field() + ": " + violations.getFirst().description()
                        : violations.size() + " fields are invalid", violations);
    }

    public static DomainException invalid(String field, String description) {
        return invalid(List.of(new FieldViolation(field, description)));
    }

    public static DomainException permissionDenied(String message) {
        return new DomainException(FailureKind.PERMISSION_DENIED, ErrorReason.ERROR_REASON_PERMISSION_DENIED, message);
    }

    public static DomainException unauthenticated(String message) {
        return new DomainException(FailureKind.UNAUTHENTICATED, ErrorReason.ERROR_REASON_UNAUTHENTICATED, message);
    }

    public static DomainException invalidState(String message) {
        return new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_INVALID_STATE, message);
    }
}
