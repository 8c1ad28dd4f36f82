package io.ticketmesh.platform.validation;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.FieldMask;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.common.v1.FieldOptionsProto;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The update_mask of an Update RPC: which fields it may name, those the contract marks {@code editable} in the
 * message it updates (laid over what is stored by {@code FieldMasks.overlay}).
 */
public final class UpdateMasks {
    private UpdateMasks() {}

    /** The fields of {@code message} its Update RPC may change: those the contract marks editable, by name. */
    public static Set<String> editable(Descriptor message) {
        return message.getFields().stream().filter(UpdateMasks::isEditable).map(FieldDescriptor::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the contract marks the field editable. */
    public static boolean isEditable(FieldDescriptor field) {
        return field.getOptions().getExtension(FieldOptionsProto.editable);
    }

    /**
     * INVALID_ARGUMENT on update_mask for the first path outside the fields of {@code message} marked editable, saying
     * which are and, if given, why.
     */
    public static void requireEditable(FieldMask mask, Descriptor message, String whyOthersAreNot) {
        Set<String> editable = editable(message);
        for (String path : mask.getPathsList()) {
            if (!editable.contains(path)) {
                throw DomainException.invalid("update_mask", path + " cannot be changed (editable: " + new TreeSet<>(editable) + ")"
                        + (whyOthersAreNot.isEmpty() ? "" : "; " + whyOthersAreNot));
            }
        }
    }
}
