package io.ticketmesh.booking.saga;

import java.util.function.Function;

/**
 * One step of a saga: what it does, and what undoes it when a later step fails.
 *
 * @param compensation null for the last step, which nothing after it can fail
 */
public record SagaStep(String name, Function<SagaBooking, StepResult> action, Function<SagaBooking, StepResult> compensation) {

    public static SagaStep step(String name, Function<SagaBooking, StepResult> action, Function<SagaBooking, StepResult> compensation) {
        return new SagaStep(name, action, compensation);
    }

    public static SagaStep last(String name, Function<SagaBooking, StepResult> action) {
        return new SagaStep(name, action, null);
    }
}
