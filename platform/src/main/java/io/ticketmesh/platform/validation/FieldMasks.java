package io.ticketmesh.platform.validation;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;

/** An update's fields laid over a stored message: what the gateway's PATCH and the services' Update RPCs both do. */
public final class FieldMasks {
    private FieldMasks() {}

    /**
     * {@code current} with the masked fields of {@code changes} in place of its own: a masked field left empty is
     * emptied, lists and messages are replaced whole.
     */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M overlay(M current, M changes, FieldMask mask) {
        Message.Builder merged = current.toBuilder();
        FieldMaskUtil.merge(mask, changes, merged, new FieldMaskUtil.MergeOptions().setReplaceRepeatedFields(true)
                .setReplaceMessageFields(true).setReplacePrimitiveFields(true));
        return (M) merged.build();
    }
}
