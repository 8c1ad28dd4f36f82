package io.ticketmesh.event.domain;

import com.google.protobuf.Timestamp;
import io.ticketmesh.platform.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** A keyset cursor (creation time and id of the last item) as an opaque token. */
record PageToken(OffsetDateTime createdAt, UUID id) {

    static String of(Timestamp createdAt, String id) {
        String raw = createdAt.getSeconds() + ":" + createdAt.getNanos() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A page of a list read one row past it: the rows asked for, and the token of the next page (empty on the last). */
    record Page<T>(List<T> rows, String nextToken) {
        static <T> Page<T> of(List<T> read, int size, Function<T, Timestamp> createdAt, Function<T, String> id) {
            if (read.size() <= size) {
                return new Page<>(read, "");
            }
            T last = read.get(size - 1);
            return new Page<>(read.subList(0, size), PageToken.of(createdAt.apply(last), id.apply(last)));
        }
    }

    /** The cursor, or null for the first page. */
    static PageToken parse(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new PageToken(at.atOffset(ZoneOffset.UTC), UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw DomainException.invalid("page_token", "is not a token this service issued");
        }
    }
}
