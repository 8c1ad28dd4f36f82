package io.ticketmesh.platform.validation;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.exceptions.ValidationException;
import com.google.protobuf.Message;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a message against the protovalidate rules written in the proto files, the same rules every other
 * language's client sees, and that no text in it holds U+0000 (which PostgreSQL cannot store). A violation becomes
 * INVALID_ARGUMENT naming each field.
 */
public final class ProtoValidator {
    private final Validator validator = ValidatorFactory.newBuilder().build();

    /** Throws {@link DomainException} (INVALID_ARGUMENT, VALIDATION_FAILED) listing every broken rule. */
    public void check(Message message) {
        ValidationResult result;
        try {
            result = validator.validate(message);
        } catch (ValidationException e) {
            throw new IllegalStateException("validation rules of " + message.getDescriptorForType().getFullName()
                    + " do not compile", e);
        }
        List<FieldViolation> violations = new ArrayList<>(result.getViolations().stream()
                .map(v -> v.toProto())
                .map(v -> new FieldViolation(v.hasField() ? FieldPaths.render(v.getField()) : "",
                        v.getMessage().isEmpty() ? v.getRuleId() : v.getMessage()))
                .toList());
        violations.addAll(NulCharacters.in(message));
        if (!violations.isEmpty()) {
            throw DomainException.invalid(violations);
        }
    }
}
