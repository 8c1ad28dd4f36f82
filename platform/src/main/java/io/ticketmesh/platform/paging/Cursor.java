package io.ticketmesh.platform.paging;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.ticketmesh.platform.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a list read in (time, id) order ended: the time and id of its last row, carried to the client as an
 * opaque page token. The next page is the rows strictly past it, so rows added or removed meanwhile neither repeat nor
 * skip one, and a page costs an index range read however deep into the list it is. A token also names the list it
 * belongs to ({@link ListKey}: its caller, and the request but for its page token and size), and is refused with other
 * filters or from another caller.
 */
public record Cursor(Instant at, UUID id) {

    /** The cursor after a row as its contract message gives it. */
    public static Cursor of(Timestamp at, String id) {
        return new Cursor(Instant.ofEpochSecond(at.getSeconds(), at.getNanos()), UUID.fromString(id));
    }

    /** The cursor after a row as the database gives it. */
    public static Cursor of(OffsetDateTime at, UUID id) {
        return new Cursor(at.toInstant(), id);
    }

    /**
     * The cursor the list request's page token carries, null for the first page (no token); INVALID_ARGUMENT for a
     * token not ours, or one given with a page of another list or by another caller. A token from before tokens named
     * their list (three parts) is taken as it is, so a page a client held over an upgrade still turns.
     */
    public static Cursor parse(Message request) {
        String token = ListKey.pageToken(request);
        if (token.isEmpty()) {
            return null;
        }
        String[] parts;
        Cursor cursor;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 4);
            cursor = new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw DomainException.invalid(ListKey.PAGE_TOKEN, "is not a token this service issued");
        }
        if (parts.length == 4 && !parts[3].equals(ListKey.of(request))) {
            throw DomainException.invalid(ListKey.PAGE_TOKEN, "belongs to a list asked for with other filters or by another caller:"
                    + " ask for its first page again");
        }
        return cursor;
    }

    /** The page token of the page after this cursor, in the list this request asks for. */
    public String token(Message request) {
        String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + id + ":" + ListKey.of(request);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The time as the database compares it. */
    public OffsetDateTime atUtc() {
        return at.atOffset(ZoneOffset.UTC);
    }
}
