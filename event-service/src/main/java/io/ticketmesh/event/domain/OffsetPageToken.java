package io.ticketmesh.event.domain;

import io.ticketmesh.platform.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A page token for a list that does not change while it is read (a published showtime's seats, frozen at publication):
 * the offset, opaque to clients. Lists that do change page by {@link io.ticketmesh.platform.paging.Cursor}.
 */
final class OffsetPageToken {
    private OffsetPageToken() {}

    static String of(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int parse(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!raw.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            int offset = Integer.parseInt(raw.substring(2));
            if (offset < 0) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("page_token", "is not a token this service issued");
        }
    }
}
