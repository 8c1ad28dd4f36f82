package io.ticketmesh.gateway.downstream;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.util.JsonFormat;
import io.ticketmesh.platform.error.DomainException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Protobuf to REST JSON and back, on top of protobuf's own {@link JsonFormat} (no field-by-field copying): proto
 * field names are already snake_case; enum values lose their type prefix ({@code SECTION_KIND_SEATED} is
 * {@code "SEATED"}, as API.md writes them); 64-bit integers are JSON numbers, not the strings proto JSON uses.
 */
@Component
public class ProtoJson {
    /** protobuf's refusal of a second field of a oneof (a discount given as a percentage and an amount): their names. */
    private static final Pattern ONE_OF_TWICE = Pattern.compile(
            "Cannot set field [\\w.]*?\\.(\\w+) because another field [\\w.]*?\\.(\\w+) belonging to the same oneof");
    private static final Set<String> WELL_KNOWN = Set.of("google.protobuf.Timestamp", "google.protobuf.Duration",
            "google.protobuf.FieldMask", "google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.Any");
    private static final Map<EnumDescriptor, String> PREFIXES = new ConcurrentHashMap<>();
    private final JsonFormat.Printer printer = JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence();
    private final JsonFormat.Parser parser = JsonFormat.parser();
    private final JsonMapper json = JsonMapper.builder().build();

    /** The message as the REST API shows it. */
    public JsonNode toJson(Message message) {
        try {
            JsonNode tree = json.readTree(printer.print(message));
            return walk(tree, message.getDescriptorForType(), true, "");
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getFullName(), e);
        }
    }

    /**
     * Reads REST JSON into a message builder. An unknown field or enum value, or a value of the wrong JSON type
     * ({@link JsonShapes}), fails as INVALID_ARGUMENT naming it by its path ({@code rows[0].seats[2].features[1]});
     * anything else protobuf refuses names the body.
     */
    public <B extends Message.Builder> B fromJson(JsonNode body, B builder) {
        JsonNode proto = walk(body.deepCopy(), builder.getDescriptorForType(), false, "");
        try {
            parser.merge(json.writeValueAsString(proto), builder);
            return builder;
        } catch (InvalidProtocolBufferException e) {
            Matcher oneOf = ONE_OF_TWICE.matcher(String.valueOf(e.getMessage()));
            if (oneOf.find()) {
                throw DomainException.invalid(oneOf.group(1), "cannot be given with " + oneOf.group(2) + ": one of them only");
            }
            throw DomainException.invalid("body", e.getMessage());
        }
    }

    /** Converts {@code node} (at {@code path} of the body, "" for the body itself) to or from the proto's JSON. */
    private JsonNode walk(JsonNode node, Descriptor type, boolean outgoing, String path) {
        if (!(node instanceof ObjectNode object) || WELL_KNOWN.contains(type.getFullName())) {
            return node;
        }
        if (!outgoing) {
            object.propertyNames().stream().filter(name -> type.findFieldByName(name) == null
                            && type.getFields().stream().noneMatch(field -> field.getJsonName().equals(name)))
                    .findFirst().ifPresent(name -> {
                        throw DomainException.invalid(path + name, "unknown field");
                    });
        }
        for (FieldDescriptor field : type.getFields()) {
            JsonNode value = object.get(field.getName());
            if (value == null || value.isNull()) {
                continue;
            }
            String at = outgoing ? "" : path + field.getName(); // paths only name what an incoming body got wrong
            if (!outgoing) {
                JsonShapes.check(field, value, at);
            }
            if (field.isMapField()) {
                FieldDescriptor mapValue = field.getMessageType().findFieldByName("value");
                UnaryOperator<JsonNode> convert = converter(mapValue, outgoing, at);
                if (convert != null && value instanceof ObjectNode map) {
                    map.properties().forEach(entry -> entry.setValue(
                            (outgoing ? convert : converter(mapValue, false, at + "." + entry.getKey())).apply(entry.getValue())));
                }
            } else if (field.isRepeated() && value instanceof ArrayNode array) {
                UnaryOperator<JsonNode> convert = converter(field, outgoing, at);
                for (int i = 0; convert != null && i < array.size(); i++) {
                    array.set(i, (outgoing ? convert : converter(field, false, at + "[" + i + "]")).apply(array.get(i)));
                }
            } else {
                UnaryOperator<JsonNode> convert = converter(field, outgoing, at);
                if (convert != null) {
                    object.set(field.getName(), convert.apply(value));
                }
            }
        }
        return object;
    }

    private UnaryOperator<JsonNode> converter(FieldDescriptor field, boolean outgoing, String path) {
        return switch (field.getJavaType()) {
            case ENUM -> {
                String prefix = enumPrefix(field.getEnumType());
                yield value -> value.isString() ? JsonNodeFactory.instance.stringNode(outgoing
                        ? stripPrefix(value.asString(), prefix) : protoName(field.getEnumType(), prefix, value.asString(), path)) : value;
            }
            case LONG -> outgoing ? value -> value.isString() ? JsonNodeFactory.instance.numberNode(Long.parseLong(value.asString())) : value : null;
            case MESSAGE -> field.isMapField() ? (value -> value) : value -> walk(value, field.getMessageType(), outgoing, path + ".");
            default -> null;
        };
    }

    /** A REST enum value's proto name; refused, naming the values there are, when the enum has no such value. */
    private static String protoName(EnumDescriptor type, String prefix, String restName, String path) {
        if (type.findValueByName(prefix + restName) == null || restName.equals("UNSPECIFIED")) {
            throw DomainException.invalid(path, "unknown value " + restName + "; one of " + restValues(type));
        }
        return prefix + restName;
    }

    /**
     * A query parameter's enum value by its REST name, in any case ({@code used} is {@code PRESALE_CODE_STATE_USED});
     * refused as INVALID_ARGUMENT on the parameter, naming the values there are, when the enum has no such value.
     */
    public static EnumValueDescriptor queryValue(EnumDescriptor type, String restName, String parameter) {
        String prefix = enumPrefix(type);
        return type.findValueByName(protoName(type, prefix, restName.toUpperCase(Locale.ROOT), parameter));
    }

    /** The request body, refused as INVALID_ARGUMENT on {@code body} unless it is a JSON object. */
    public static JsonNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("body", "must be a JSON object");
        }
        return body;
    }

    /** The values a REST body may give an enum, by their REST names: every value but the unspecified one. */
    public static List<String> restValues(EnumDescriptor type) {
        String prefix = enumPrefix(type);
        return type.getValues().stream().map(value -> stripPrefix(value.getName(), prefix))
                .filter(name -> !name.equals("UNSPECIFIED")).toList();
    }

    /** An enum value as REST JSON writes it: its name without its type's prefix ({@code SEAT_STATE_HELD} is {@code HELD}). */
    public static String restName(ProtocolMessageEnum value) {
        return stripPrefix(value.getValueDescriptor().getName(), enumPrefix(value.getDescriptorForType()));
    }

    /** {@code SeatFeature} values are prefixed {@code SEAT_FEATURE_}. */
    public static String enumPrefix(EnumDescriptor type) {
        return PREFIXES.computeIfAbsent(type, enumType -> enumType.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase() + "_");
    }

    private static String stripPrefix(String value, String prefix) {
        return value.startsWith(prefix) ? value.substring(prefix.length()) : value;
    }
}
