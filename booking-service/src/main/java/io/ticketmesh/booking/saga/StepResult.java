package io.ticketmesh.booking.saga;

/** What a saga step (or a compensation) reports. */
public sealed interface StepResult {
    /** The step did its work; {@code detail} goes into the timeline. */
    record Done(String detail) implements StepResult {}

    /** The step waits for something outside (the customer's 3-D Secure challenge). */
    record Waiting(String detail) implements StepResult {}

    /** The step failed for good: the saga compensates and the booking fails with {@code code}. */
    record Failed(String code, String message) implements StepResult {}

    /** A participant could not be reached or answered in time; the step is tried again later. */
    record Retry(String message) implements StepResult {}

    static Done done(String detail) {
        return new Done(detail);
    }
}
