package io.ticketmesh.gateway.openapi;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The comments of the contracts in {@code proto/}, by the full name of the message, field, enum or enum value they
 * stand above ({@code ticketmesh.event.v1.Showtime.max_tickets_per_user},
 * {@code ticketmesh.event.v1.SeatFeature.SEAT_FEATURE_AISLE}), read from the descriptor set with source info that the
 * proto module puts in its jar ({@code /ticketmesh.binpb}). Without it (a proto jar built otherwise) there are none.
 */
final class ProtoComments {
    private static final String DESCRIPTOR_SET = "/ticketmesh.binpb";
    /** {@code SourceCodeInfo} path steps: a file's messages and enums; a message's fields, nested messages, enums; values. */
    private static final int FILE_MESSAGES = 4;
    private static final int FILE_ENUMS = 5;
    private static final int MESSAGE_FIELDS = 2;
    private static final int NESTED_MESSAGES = 3;
    private static final int NESTED_ENUMS = 4;
    private static final int ENUM_VALUES = 2;
    private final Map<String, String> comments;

    private ProtoComments(Map<String, String> comments) {
        this.comments = comments;
    }

    static ProtoComments load() {
        try (InputStream in = ProtoComments.class.getResourceAsStream(DESCRIPTOR_SET)) {
            Map<String, String> comments = new HashMap<>();
            if (in != null) {
                for (FileDescriptorProto file : FileDescriptorSet.parseFrom(in).getFileList()) {
                    Map<List<Integer>, String> byPath = file.getSourceCodeInfo().getLocationList().stream()
                            .filter(location -> !location.getLeadingComments().isBlank())
                            .collect(Collectors.toMap(Location::getPathList, location -> tidy(location.getLeadingComments()),
                                    (first, second) -> first));
                    FileComments read = new FileComments(byPath, comments);
                    for (int i = 0; i < file.getMessageTypeCount(); i++) {
                        read.message(file.getMessageType(i), file.getPackage(), List.of(FILE_MESSAGES, i));
                    }
                    for (int i = 0; i < file.getEnumTypeCount(); i++) {
                        read.enumeration(file.getEnumType(i), file.getPackage(), List.of(FILE_ENUMS, i));
                    }
                }
            }
            return new ProtoComments(comments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DESCRIPTOR_SET, e);
        }
    }

    /** The comment above the message, field, enum or enum value of this full name, or null. */
    String of(String fullName) {
        return comments.get(fullName);
    }

    /** One file's comments, each found by its path in the file's source info, added to {@code comments}. */
    private record FileComments(Map<List<Integer>, String> byPath, Map<String, String> comments) {
        void message(DescriptorProto message, String scope, List<Integer> path) {
            String name = withMembers(scope + "." + message.getName(), path, MESSAGE_FIELDS,
                    message.getFieldList().stream().map(FieldDescriptorProto::getName).toList());
            for (int n = 0; n < message.getNestedTypeCount(); n++) {
                message(message.getNestedType(n), name, step(path, NESTED_MESSAGES, n));
            }
            for (int e = 0; e < message.getEnumTypeCount(); e++) {
                enumeration(message.getEnumType(e), name, step(path, NESTED_ENUMS, e));
            }
        }

        void enumeration(EnumDescriptorProto type, String scope, List<Integer> path) {
            withMembers(scope + "." + type.getName(), path, ENUM_VALUES,
                    type.getValueList().stream().map(EnumValueDescriptorProto::getName).toList());
        }

        /** Keeps the comments of {@code name} at {@code path} and of its members (fields, values); returns the name. */
        private String withMembers(String name, List<Integer> path, int memberKind, List<String> members) {
            put(name, byPath.get(path));
            for (int i = 0; i < members.size(); i++) {
                put(name + "." + members.get(i), byPath.get(step(path, memberKind, i)));
            }
            return name;
        }

        private void put(String name, String comment) {
            if (comment != null) {
                comments.put(name, comment);
            }
        }
    }

    private static List<Integer> step(List<Integer> path, int kind, int index) {
        return Stream.concat(path.stream(), Stream.of(kind, index)).toList();
    }

    /** The comment's lines joined into one paragraph. */
    private static String tidy(String comment) {
        return comment.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining(" "));
    }
}
