package io.ticketmesh.platform.outbox;

/**
 * The request an event is written for: its {@code x-request-id} and the W3C {@code traceparent} of its span (either
 * null when there is none). Work that gathers many requests and writes their events later, on a thread of its own,
 * takes each request's origin along ({@link Outbox#origin()}) so every event still names its own request and trace.
 */
public record EventOrigin(String requestId, String traceparent) {}
