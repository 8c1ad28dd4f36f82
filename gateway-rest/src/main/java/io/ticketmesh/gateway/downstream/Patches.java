package io.ticketmesh.gateway.downstream;

import com.google.protobuf.FieldMask;
import tools.jackson.databind.JsonNode;

/**
 * A PATCH body as an update: the fields it names are the mask, laid over the resource as it is
 * ({@link io.ticketmesh.platform.validation.FieldMasks#overlay}), so that the contract's validation (which checks the
 * whole message, required fields too) sees a whole one; the service changes only the masked fields.
 */
public final class Patches {
    private Patches() {}

    /** The mask of a PATCH body: its top-level field names. */
    public static FieldMask mask(JsonNode body) {
        return FieldMask.newBuilder().addAllPaths(body.propertyNames()).build();
    }
}
