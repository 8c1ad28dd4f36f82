package io.ticketmesh.booking.saga;

import java.util.Map;

/** What a saga step (or a compensation) reports. */
public sealed interface StepResult {
    /** The step did its work; {@code detail} goes into the timeline. */
    record Done(String detail) implements StepResult {}

    /** The step waits for something outside (the customer's 3-D Secure challenge). */
    record Waiting(String detail) implements StepResult {}

    /**
     * The step failed for good: the saga compensates and the booking fails with {@code code}; {@code metadata} is the
     * participant's error metadata (the seats it names, say), empty when there is none.
     */
    record Failed(String code, String message, Map<String, String> metadata) implements StepResult {
        public Failed(String code, String message) {
            this(code, message, Map.of());
        }
    }

    /** A participant could not be reached or answered in time; the step is tried again later. */
    record Retry(String message) implements StepResult {}

    static Done done(String detail) {
        return new Done(detail);
    }
}
