package io.ticketmesh.gateway.downstream;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.ticketmesh.platform.error.DomainException;
import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Checks that each value of an incoming REST body has the JSON type its proto field takes, so that a wrong one is
 * refused naming the field by its path ({@code seat_ids[1]: must not be null}) rather than by protobuf's parser, whose
 * message names the whole body and the proto's internal type names.
 */
final class JsonShapes {
    private JsonShapes() {}

    /** Throws INVALID_ARGUMENT naming {@code path} when {@code value} (not null) does not fit {@code field}. */
    static void check(FieldDescriptor field, JsonNode value, String path) {
        if (field.isMapField()) {
            require(value.isObject(), path, "must be an object");
        } else if (field.isRepeated()) {
            require(value.isArray(), path, "must be an array");
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                require(!item.isNull(), path + "[" + i + "]", "must not be null");
                single(field, item, path + "[" + i + "]");
            }
        } else {
            single(field, value, path);
        }
    }

    private static void single(FieldDescriptor field, JsonNode value, String path) {
        switch (field.getJavaType()) {
            case STRING -> {
                require(value.isString(), path, "must be a string");
                require(wellFormed(value.asString()), path, "must be text: a lone surrogate escape (\\ud800 without its pair) is not a character");
            }
            case BYTE_STRING -> require(value.isString(), path, "must be a string");
            case BOOLEAN -> require(value.isBoolean(), path, "must be true or false");
            case INT -> require(whole(value, true), path, "must be a whole number from -2147483648 to 2147483647");
            case LONG -> require(whole(value, false), path, "must be a whole number");
            case FLOAT, DOUBLE -> require(value.isNumber() || value.isString() && parses(() -> Double.parseDouble(value.asString())), path, "must be a number");
            case ENUM -> require(value.isString() || value.isIntegralNumber(), path, "must be a string");
            case MESSAGE -> message(field.getMessageType().getFullName(), value, path);
        }
    }

    private static void message(String type, JsonNode value, String path) {
        switch (type) {
            // java.time reads the date strictly: protobuf's parser moves 2027-02-30 on to March 2nd and 25:00 to the next day
            case "google.protobuf.Timestamp" -> require(value.isString() && parses(() -> OffsetDateTime.parse(value.asString()))
                            && parses(() -> Timestamps.parse(value.asString())), path,
                    "must be an RFC 3339 time, e.g. \"2027-06-05T18:30:00Z\"");
            case "google.protobuf.Duration" -> require(value.isString() && parses(() -> Durations.parse(value.asString())), path,
                    "must be a duration in seconds, e.g. \"9000s\"");
            // the other well-known types (field masks, wrappers, Struct) have JSON forms of their own: left to the parser
            default -> require(type.startsWith("google.protobuf.") || value.isObject(), path, "must be an object");
        }
    }

    /** A JSON integer (3.0 too), or a string holding one (as proto JSON allows), within 32 or 64 bits. */
    private static boolean whole(JsonNode value, boolean int32) {
        if (value.isNumber()) {
            return (value.isIntegralNumber() || value.canConvertToExactIntegral()) && (int32 ? value.canConvertToInt() : value.canConvertToLong());
        }
        try {
            long number = Long.parseLong(value.asString(""));
            return value.isString() && (!int32 || number == (int) number);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether every surrogate in {@code text} is half of a pair (protobuf would write a lone one as '?'). */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private interface Parse {
        Object run() throws ParseException;
    }

    private static boolean parses(Parse parse) {
        try {
            parse.run();
            return true;
        } catch (ParseException | NumberFormatException | DateTimeParseException e) {
            return false;
        }
    }

    private static void require(boolean holds, String path, String description) {
        if (!holds) {
            throw DomainException.invalid(path, description);
        }
    }
}
