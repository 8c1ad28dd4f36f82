package io.ticketmesh.platform.validation;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.ticketmesh.platform.error.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds text fields holding the character U+0000, anywhere in a message (nested and repeated fields included).
 * Protobuf allows it, but PostgreSQL's text cannot store it: such a request would otherwise fail deep in a service
 * with an internal error, after part of its work was done.
 */
final class NulCharacters {
    static final String DESCRIPTION = "must not contain the character U+0000";

    private NulCharacters() {}

    /** One violation per offending field, by its path ({@code seat_map.sections[0].rows[2].label}). */
    static List<FieldViolation> in(Message message) {
        List<FieldViolation> found = new ArrayList<>();
        walk(message, "", found);
        return found;
    }

    private static void walk(Message message, String prefix, List<FieldViolation> found) {
        for (Map.Entry<FieldDescriptor, Object> set : message.getAllFields().entrySet()) {
            FieldDescriptor field = set.getKey();
            String path = prefix + field.getName();
            if (field.isRepeated()) { // map fields too, as their entries
                List<?> values = (List<?>) set.getValue();
                for (int i = 0; i < values.size(); i++) {
                    visit(field, values.get(i), path + "[" + i + "]", found);
                }
            } else {
                visit(field, set.getValue(), path, found);
            }
        }
    }

    private static void visit(FieldDescriptor field, Object value, String path, List<FieldViolation> found) {
        if (field.getJavaType() == FieldDescriptor.JavaType.STRING && ((String) value).indexOf('\0') >= 0) {
            found.add(new FieldViolation(path, DESCRIPTION));
        } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            walk((Message) value, path + ".", found);
        }
    }
}
