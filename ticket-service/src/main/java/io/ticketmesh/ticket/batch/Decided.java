package io.ticketmesh.ticket.batch;

import io.ticketmesh.platform.error.DomainException;

/** How one order of a batch was decided: its response, or the reason it was refused. */
public record Decided<R>(R response, DomainException refusal) {
    public static <R> Decided<R> answer(R response) {
        return new Decided<>(response, null);
    }

    public static <R> Decided<R> refused(DomainException refusal) {
        return new Decided<>(null, refusal);
    }

    public R responseOrThrow() {
        if (refusal != null) {
            throw refusal;
        }
        return response;
    }
}
