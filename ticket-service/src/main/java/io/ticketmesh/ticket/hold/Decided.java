package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.error.DomainException;

/** How one order of a batch was decided: its response, or the reason it was refused. */
record Decided<R>(R response, DomainException refusal) {
    static <R> Decided<R> answer(R response) {
        return new Decided<>(response, null);
    }

    static <R> Decided<R> refused(DomainException refusal) {
        return new Decided<>(null, refusal);
    }

    R responseOrThrow() {
        if (refusal != null) {
            throw refusal;
        }
        return response;
    }
}
