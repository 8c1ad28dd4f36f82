package io.ticketmesh.gateway.downstream;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import tools.jackson.databind.JsonNode;

/**
 * A PATCH body as an update: the fields it names are the mask, laid over the resource as it is, so that the contract's
 * validation (which checks the whole message, required fields too) sees a whole one; the service changes only the
 * masked fields.
 */
public final class Patches {
    private Patches() {}

    /** The mask of a PATCH body: its top-level field names. */
    public static FieldMask mask(JsonNode body) {
        return FieldMask.newBuilder().addAllPaths(body.propertyNames()).build();
    }

    /** {@code current} with the masked fields of {@code changes} in place of its own (lists and messages replaced whole). */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M over(M current, M changes, FieldMask mask) {
        Message.Builder merged = current.toBuilder();
        FieldMaskUtil.merge(mask, changes, merged, new FieldMaskUtil.MergeOptions().setReplaceRepeatedFields(true)
                .setReplaceMessageFields(true).setReplacePrimitiveFields(true));
        return (M) merged.build();
    }
}
