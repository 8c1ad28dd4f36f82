package io.ticketmesh.gateway.web;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where a REST body names a field otherwise than the proto message it becomes ({@code payment.card_number} for
 * {@code card.number}, {@code accessibility} for {@code features}, {@code name} for {@code venue.name} when the body
 * is the request's venue), the field violations of the call are renamed to the body's names, so that a client can put
 * each error beside the input it sent.
 */
public final class RestFieldNames {
    private RestFieldNames() {}

    /**
     * Runs {@code call} (reading the body, calling a service), renaming the fields of any violation it fails with: the
     * longest proto path in {@code restNames} that a field starts with becomes the REST path it maps to.
     */
    public static <T> T renaming(Map<String, String> restNames, Supplier<T> call) {
        return renaming(field -> restName(field, restNames), call);
    }

    /**
     * Runs {@code call}, renaming the fields of any violation it fails with by {@code restName}: those of
     * VALIDATION_FAILED and of any other failure that names fields (SEAT_MAP_INVALID), which keeps its status and reason.
     */
    public static <T> T renaming(UnaryOperator<String> restName, Supplier<T> call) {
        try {
            return call.get();
        } catch (DomainException e) {
            if (e.violations().isEmpty()) {
                throw e;
            }
            if (e.reason() == ErrorReason.ERROR_REASON_VALIDATION_FAILED) {
                throw DomainException.invalid(renamed(e.violations(), restName));
            }
            throw e.withViolations(renamed(e.violations(), restName));
        } catch (StatusRuntimeException e) {
            RemoteError error = RemoteError.of(e);
            if (error.violations().isEmpty()) {
                throw e;
            }
            throw error.code() == Status.Code.INVALID_ARGUMENT ? DomainException.invalid(renamed(error.violations(), restName))
                    : withViolationsRenamed(e, restName);
        }
    }

    /** The remote failure as it came (code, message, reason and metadata), its field violations renamed. */
    private static StatusRuntimeException withViolationsRenamed(StatusRuntimeException e, UnaryOperator<String> restName) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        com.google.rpc.Status.Builder renamed = status.toBuilder().clearDetails();
        for (Any detail : status.getDetailsList()) {
            if (!detail.is(BadRequest.class)) {
                renamed.addDetails(detail);
                continue;
            }
            BadRequest.Builder violations = BadRequest.newBuilder();
            try {
                detail.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> violations.addFieldViolations(
                        v.toBuilder().setField(restName.apply(v.getField()))));
            } catch (InvalidProtocolBufferException unreadable) {
                return e; // RemoteError read it a moment ago; cannot happen
            }
            renamed.addDetails(Any.pack(violations.build()));
        }
        return StatusProto.toStatusRuntimeException(renamed.build());
    }

    private static List<FieldViolation> renamed(List<FieldViolation> violations, UnaryOperator<String> restName) {
        return violations.stream().map(v -> new FieldViolation(restName.apply(v.field()), v.description())).toList();
    }

    /**
     * {@code field} renamed by the longest proto path in {@code restNames} it starts with; a path mapped to "" is a
     * message the body stands for as a whole ({@code venue}: {@code venue.name} is {@code name}).
     */
    public static String restName(String field, Map<String, String> restNames) {
        return restNames.keySet().stream()
                .filter(proto -> field.equals(proto) || field.startsWith(proto) && ".[".indexOf(field.charAt(proto.length())) >= 0)
                .max(Comparator.comparingInt(String::length))
                .map(proto -> join(restNames.get(proto), field.substring(proto.length())))
                .orElse(field);
    }

    private static String join(String restPath, String rest) {
        return restPath.isEmpty() && rest.startsWith(".") ? rest.substring(1) : restPath + rest;
    }
}
