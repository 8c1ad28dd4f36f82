package io.ticketmesh.platform.validation;

import com.google.protobuf.FieldMask;
import io.ticketmesh.platform.error.DomainException;
import java.util.Set;
import java.util.TreeSet;

/** The update_mask of an Update RPC: which fields it may name (laid over what is stored by {@code FieldMasks.overlay}). */
public final class UpdateMasks {
    private UpdateMasks() {}

    /** INVALID_ARGUMENT on update_mask for the first path outside {@code editable}, saying which are and, if given, why. */
    public static void requireEditable(FieldMask mask, Set<String> editable, String whyOthersAreNot) {
        for (String path : mask.getPathsList()) {
            if (!editable.contains(path)) {
                throw DomainException.invalid("update_mask", path + " cannot be changed (editable: " + new TreeSet<>(editable) + ")"
                        + (whyOthersAreNot.isEmpty() ? "" : "; " + whyOthersAreNot));
            }
        }
    }
}
