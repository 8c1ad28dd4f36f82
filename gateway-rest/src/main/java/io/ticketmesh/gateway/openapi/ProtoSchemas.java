package io.ticketmesh.gateway.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.swagger.v3.oas.models.media.Schema;
import io.ticketmesh.gateway.downstream.ProtoJson;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * JSON Schemas of proto messages as the REST API reads and writes them through {@code ProtoJson}: the proto field
 * names, enum values without their type's prefix, 64-bit integers as numbers, timestamps as RFC 3339 text. A nested
 * message is a reference to a component named by its full proto name ({@code ticketmesh.ticket.v1.Hold}), kept here
 * until the description is put together; a body whose fields are renamed is written out whole instead, as the renamed
 * fields are that endpoint's only. Messages and fields are described by their comments in {@code proto/}.
 */
final class ProtoSchemas {
    static final String COMPONENTS = "#/components/schemas/";
    private final Map<String, Schema<Object>> components = new TreeMap<>();
    private final ProtoComments comments;

    ProtoSchemas(ProtoComments comments) {
        this.comments = comments;
    }

    /**
     * The message's fields less {@code omit}, renamed by {@code renames} ({@code proto name -> REST name}) at any depth;
     * as an answer writes it ({@code answer}) or as a body may send it, without the enums' UNSPECIFIED.
     */
    synchronized Schema<Object> body(Descriptor type, Set<String> omit, Map<String, String> renames, boolean answer) {
        return object(type, omit, renames.isEmpty() ? null : renames, answer);
    }

    /** A reference to the message's component, registering it (and the messages it names) first. */
    synchronized Schema<Object> reference(Descriptor type) {
        String name = type.getFullName();
        if (!components.containsKey(name)) {
            components.put(name, typed("object")); // a message naming itself finds the placeholder
            components.put(name, object(type, Set.of(), null, true));
        }
        return new Schema<>().$ref(COMPONENTS + name);
    }

    /** One field as an answer writes it, described by its comment: for a field the gateway adds to another message. */
    synchronized Schema<Object> property(FieldDescriptor field) {
        return described(field(field, null, true), comments.of(field.getFullName()));
    }

    /**
     * Adds {@code property} to the message's component, registering the component first: for a field the gateway
     * adds to every answer of that message ({@link RestAdditions}).
     */
    synchronized void extend(Descriptor type, String name, Schema<Object> property) {
        reference(type);
        components.get(type.getFullName()).addProperty(name, property);
    }

    /** Every message referred to so far, by component name. */
    synchronized Map<String, Schema<Object>> components() {
        return Map.copyOf(components);
    }

    static Schema<Object> typed(String type) {
        return new Schema<>().type(type).types(Set.of(type));
    }

    /**
     * {@code renames} null: nested messages are references; otherwise written out, renamed. A component is what
     * answers write, so its enums keep UNSPECIFIED, which an answer gives a field never set.
     */
    private Schema<Object> object(Descriptor type, Set<String> omit, Map<String, String> renames, boolean answer) {
        Schema<Object> schema = typed("object").description(comments.of(type.getFullName()));
        for (FieldDescriptor field : type.getFields()) {
            if (!omit.contains(field.getName())) {
                String name = renames == null ? field.getName() : renames.getOrDefault(field.getName(), field.getName());
                schema.addProperty(name, described(field(field, renames, answer), comments.of(field.getFullName())));
            }
        }
        return schema;
    }

    /** The field's comment before what its type already says (a duration's form). */
    private static Schema<Object> described(Schema<Object> schema, String comment) {
        if (comment != null) {
            schema.description(schema.getDescription() == null ? comment : comment + " (" + schema.getDescription() + ")");
        }
        return schema;
    }

    private Schema<Object> field(FieldDescriptor field, Map<String, String> renames, boolean answer) {
        if (field.isMapField()) {
            return typed("object").additionalProperties(single(field.getMessageType().findFieldByName("value"), renames, answer));
        }
        Schema<Object> one = single(field, renames, answer);
        return field.isRepeated() ? typed("array").items(one) : one;
    }

    private Schema<Object> single(FieldDescriptor field, Map<String, String> renames, boolean answer) {
        return switch (field.getJavaType()) {
            case INT -> typed("integer").format("int32");
            case LONG -> typed("integer").format("int64");
            case FLOAT -> typed("number").format("float");
            case DOUBLE -> typed("number").format("double");
            case BOOLEAN -> typed("boolean");
            case STRING -> typed("string");
            case BYTE_STRING -> typed("string").format("byte");
            case ENUM -> enumeration(field.getEnumType(), answer);
            case MESSAGE -> message(field.getMessageType(), renames, answer);
        };
    }

    /** The enum's REST values, described by the enum's comment and each value's ("AISLE: The seat is at an aisle."). */
    private Schema<Object> enumeration(EnumDescriptor type, boolean answer) {
        Schema<Object> schema = typed("string");
        ProtoJson.restValues(type).forEach(schema::addEnumItemObject);
        if (answer) {
            schema.addEnumItemObject("UNSPECIFIED");
        }
        String prefix = type.getFullName() + "." + ProtoJson.enumPrefix(type);
        String values = ProtoJson.restValues(type).stream().filter(value -> comments.of(prefix + value) != null)
                .map(value -> value + ": " + comments.of(prefix + value)).collect(Collectors.joining(" "));
        String description = Stream.of(comments.of(type.getFullName()), values).filter(text -> text != null && !text.isEmpty())
                .collect(Collectors.joining(" "));
        return description.isEmpty() ? schema : schema.description(description);
    }

    private Schema<Object> message(Descriptor type, Map<String, String> renames, boolean answer) {
        return switch (type.getFullName()) {
            case "google.protobuf.Timestamp" -> typed("string").format("date-time");
            case "google.protobuf.Duration" -> typed("string").description("seconds with an s suffix, e.g. 300s");
            case "google.protobuf.FieldMask" -> typed("string").description("field names, comma separated");
            default -> renames == null ? reference(type) : object(type, Set.of(), renames, answer);
        };
    }
}
