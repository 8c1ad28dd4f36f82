package io.ticketmesh.platform.error;

/**
 * One broken rule of a request: the field path (e.g. {@code seat_map.sections[2].rows[0].label}) and why.
 */
public record FieldViolation(String field, String description) {}
