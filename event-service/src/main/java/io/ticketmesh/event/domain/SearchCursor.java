package io.ticketmesh.event.domain;

import io.ticketmesh.event.persistence.SearchQueries.Found;
import io.ticketmesh.platform.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque keyset token of a search page. A search with words lists its ranked headline matches, then its
 * description-only matches soonest first; browsing lists soonest first only. The token names the search kind (so a
 * token of a search with words cannot continue one without), the tier, and the last event of the page: its score
 * (exact float bits), first start, and event id (ranked) or showtime id (soonest).
 */
final class SearchCursor {
    enum Tier { RANKED, SOONEST }

    /** Where the next page starts: a tier, and the last hit before it (null for the start of the tier). */
    record Position(Tier tier, Found last) {}

    private SearchCursor() {}

    static String after(Found last, Tier tier, boolean withWords) {
        String kind = withWords ? "w" : "b";
        boolean tierStarts = tier == Tier.SOONEST && last.showtimeId() == null;
        String raw = tierStarts ? kind + ":s:-" : kind + ":" + (tier == Tier.RANKED ? "r" : "s") + ":"
                + Integer.toHexString(Float.floatToIntBits(last.score())) + ":"
                + ChronoUnit.MICROS.between(Instant.EPOCH, last.start().toInstant()) + ":"
                + (tier == Tier.RANKED ? last.eventId() : last.showtimeId());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the page starts; the first page of a search with words starts with the ranked tier. */
    static Position parse(String token, boolean withWords) {
        if (token.isEmpty()) {
            return new Position(withWords ? Tier.RANKED : Tier.SOONEST, null);
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 5);
            if (!parts[0].equals(withWords ? "w" : "b")) {
                throw new IllegalArgumentException("token of another kind of search");
            }
            Tier tier = switch (parts[1]) {
                case "r" -> Tier.RANKED;
                case "s" -> Tier.SOONEST;
                default -> throw new IllegalArgumentException("unknown tier");
            };
            if (parts[2].equals("-")) {
                return new Position(tier, null);
            }
            float score = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[2], 16));
            var start = Instant.EPOCH.plus(Long.parseLong(parts[3]), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
            UUID id = UUID.fromString(parts[4]);
            return new Position(tier, tier == Tier.RANKED ? new Found(id, score, start, null) : new Found(null, score, start, id));
        } catch (RuntimeException e) {
            throw DomainException.invalid("page_token", "is not a token of this search (was the query changed?)");
        }
    }
}
