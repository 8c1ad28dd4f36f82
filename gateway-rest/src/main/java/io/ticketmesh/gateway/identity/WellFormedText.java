package io.ticketmesh.gateway.identity;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text as it will be kept: no lone UTF-16 surrogate. JSON can carry one ({@code "\ud800"}); PostgreSQL's UTF-8 cannot,
 * and the driver would store a {@code ?} in its place, changing a name or a password without saying so. (The bodies
 * read by ProtoJson are refused likewise there.)
 */
@Pattern(regexp = "\\P{Cs}*")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WellFormedText {
    String message() default "must be well-formed Unicode text (it has a lone surrogate)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
