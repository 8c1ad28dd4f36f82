package io.ticketmesh.platform.paging;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.ticketmesh.platform.auth.CallerContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which list a page token belongs to: a short digest of who asks (the gRPC call's caller) and of the list request as
 * asked, but for its {@code page_token} and {@code page_size} (a client may change how many rows a page holds from one
 * page to the next, not what the list is). A token carries the key of the request that was answered with it, so one
 * sent with other filters (another organization, another event, another holder) or by another caller is refused
 * instead of quietly starting that list part-way through.
 */
final class ListKey {
    static final String PAGE_TOKEN = "page_token";
    static final String PAGE_SIZE = "page_size";
    private static final int LENGTH = 8;

    private ListKey() {}

    static String of(Message request) {
        Message.Builder list = request.toBuilder();
        clear(list, PAGE_TOKEN);
        clear(list, PAGE_SIZE);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((CallerContext.current().userId() + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha256.digest(list.build().toByteArray());
            return HexFormat.of().formatHex(digest, 0, LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The request's page token; a request without one is not a list request. */
    static String pageToken(Message request) {
        FieldDescriptor field = request.getDescriptorForType().findFieldByName(PAGE_TOKEN);
        if (field == null || field.getJavaType() != FieldDescriptor.JavaType.STRING) {
            throw new IllegalArgumentException(request.getDescriptorForType().getFullName() + " has no string page_token");
        }
        return (String) request.getField(field);
    }

    private static void clear(Message.Builder list, String name) {
        FieldDescriptor field = list.getDescriptorForType().findFieldByName(name);
        if (field != null) {
            list.clearField(field);
        }
    }
}
