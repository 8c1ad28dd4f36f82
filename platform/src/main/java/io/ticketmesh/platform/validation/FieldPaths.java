package io.ticketmesh.platform.validation;

import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;

/** Renders a protovalidate field path the way clients write it: {@code seat_map.sections[2].rows[0].label}. */
final class FieldPaths {
    private FieldPaths() {}

    static String render(FieldPath path) {
        StringBuilder out = new StringBuilder();
        for (FieldPathElement element : path.getElementsList()) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(element.getFieldName());
            switch (element.getSubscriptCase()) {
                case INDEX -> out.append('[').append(element.getIndex()).append(']');
                case BOOL_KEY -> out.append('[').append(element.getBoolKey()).append(']');
                case INT_KEY -> out.append('[').append(element.getIntKey()).append(']');
                case UINT_KEY -> out.append('[').append(element.getUintKey()).append(']');
                case STRING_KEY -> out.append("[\"").append(element.getStringKey()).append("\"]");
                case SUBSCRIPT_NOT_SET -> { }
            }
        }
        return out.toString();
    }
}
