package io.ticketmesh.gateway.web;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a REST body names a field otherwise than the proto message it becomes ({@code payment.card_number} for
 * {@code card.number}, {@code accessibility} for {@code features}), the field violations of the call are renamed to
 * the body's names, so that a client can put each error beside the input it sent.
 */
public final class RestFieldNames {
    private RestFieldNames() {}

    /**
     * Runs {@code call} (reading the body, calling a service), renaming the fields of any violation it fails with: the
     * longest proto path in {@code restNames} that a field starts with becomes the REST path it maps to.
     */
    public static <T> T renaming(Map<String, String> restNames, Supplier<T> call) {
        try {
            return call.get();
        } catch (DomainException e) {
            throw e.reason() != ErrorReason.ERROR_REASON_VALIDATION_FAILED || e.violations().isEmpty() ? e
                    : DomainException.invalid(renamed(e.violations(), restNames));
        } catch (StatusRuntimeException e) {
            RemoteError error = RemoteError.of(e);
            throw error.code() != Status.Code.INVALID_ARGUMENT || error.violations().isEmpty() ? e
                    : DomainException.invalid(renamed(error.violations(), restNames));
        }
    }

    private static List<FieldViolation> renamed(List<FieldViolation> violations, Map<String, String> restNames) {
        return violations.stream().map(v -> new FieldViolation(restName(v.field(), restNames), v.description())).toList();
    }

    static String restName(String field, Map<String, String> restNames) {
        return restNames.keySet().stream()
                .filter(proto -> field.equals(proto) || field.startsWith(proto) && ".[".indexOf(field.charAt(proto.length())) >= 0)
                .max(Comparator.comparingInt(String::length))
                .map(proto -> restNames.get(proto) + field.substring(proto.length()))
                .orElse(field);
    }
}
