package io.ticketmesh.event.domain;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import io.ticketmesh.platform.error.DomainException;
import java.util.Set;
import java.util.TreeSet;

/** The update_mask of an Update RPC: which fields it may name, and the named fields laid over what is stored. */
final class UpdateMasks {
    private UpdateMasks() {}

    /** INVALID_ARGUMENT on update_mask for the first path outside {@code editable}, saying which are and, if given, why. */
    static void requireEditable(FieldMask mask, Set<String> editable, String whyOthersAreNot) {
        for (String path : mask.getPathsList()) {
            if (!editable.contains(path)) {
                throw DomainException.invalid("update_mask", path + " cannot be changed (editable: " + new TreeSet<>(editable) + ")"
                        + (whyOthersAreNot.isEmpty() ? "" : "; " + whyOthersAreNot));
            }
        }
    }

    /** {@code current} with the masked fields of {@code changes}: a masked field left empty is emptied, lists replaced whole. */
    @SuppressWarnings("unchecked")
    static <M extends Message> M merge(M current, M changes, FieldMask mask) {
        Message.Builder merged = current.toBuilder();
        FieldMaskUtil.merge(mask, changes, merged, new FieldMaskUtil.MergeOptions().setReplaceRepeatedFields(true)
                .setReplaceMessageFields(true).setReplacePrimitiveFields(true));
        return (M) merged.build();
    }
}
