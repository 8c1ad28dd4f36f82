package io.ticketmesh.platform.paging;

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
 * skip one, and a page costs an index range read however deep into the list it is.
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

    /** The cursor a page token carries, null for the first page (an empty token); INVALID_ARGUMENT for a token not ours. */
    public static Cursor parse(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw DomainException.invalid("page_token", "is not a token this service issued");
        }
    }

    public String token() {
        String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The time as the database compares it. */
    public OffsetDateTime atUtc() {
        return at.atOffset(ZoneOffset.UTC);
    }
}
