package io.ticketmesh.platform.config;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/** Renders the current span as a W3C {@code traceparent}, for events written now and published later. */
final class Traceparents {
    private Traceparents() {}

    static String current(Tracer tracer) {
        if (tracer == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        var context = span.context();
        boolean sampled = Boolean.TRUE.equals(context.sampled());
        return "00-" + context.traceId() + "-" + context.spanId() + "-" + (sampled ? "01" : "00");
    }
}
