package io.ticketmesh.ticket.admission;

import static io.ticketmesh.ticket.persistence.jooq.Tables.PRESALE_CODES;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.ticket.v1.IssuePresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.IssuePresaleCodesResponse;
import io.ticketmesh.ticket.inventory.ShowtimeOrganizations;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use presale codes: IssuePresaleCodes makes them for an OWNER to hand out, one a fan; the first customer to
 * hold with one keeps it ({@link #use}), so a code passed around or posted admits no one but its first holder.
 */
@Service
public class PresaleCodes {
    /** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
    static final String ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
    static final int MOST_PER_SHOWTIME = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DSLContext dsl;
    private final ShowtimeOrganizations organizations;
    private final IdempotentRequests idempotent;

    public PresaleCodes(DSLContext dsl, ShowtimeOrganizations organizations, IdempotentRequests idempotent) {
        this.dsl = dsl;
        this.organizations = organizations;
        this.idempotent = idempotent;
    }

    @Transactional
    public IssuePresaleCodesResponse issue(IssuePresaleCodesRequest request, Caller caller) {
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        organizations.requireOwner(showtimeId, caller);
        return idempotent.once(request.getRequestId(), request, IssuePresaleCodesResponse.parser(), () -> {
            // one issue at a time a showtime, so two cannot pass the limit together (a lock of its own: the showtime's
            // row is the hold path's)
            dsl.fetch("select pg_advisory_xact_lock(hashtextextended(?, 0))", "presale_codes:" + showtimeId);
            int issued = dsl.fetchCount(PRESALE_CODES, PRESALE_CODES.SHOWTIME_ID.eq(showtimeId));
            if (issued + request.getCount() > MOST_PER_SHOWTIME) {
                throw DomainException.invalidState("showtime " + showtimeId + " has " + issued + " presale codes issued; at most "
                        + MOST_PER_SHOWTIME + " may be");
            }
            return IssuePresaleCodesResponse.newBuilder().addAllCodes(insertNew(showtimeId, request.getCount())).build();
        });
    }

    /** Inserts {@code count} new random codes for the showtime, drawing again for any already issued; answers them. */
    private List<String> insertNew(UUID showtimeId, int count) {
        OffsetDateTime now = StoredTime.now();
        List<String> issued = new ArrayList<>(count);
        while (issued.size() < count) {
            Set<String> drawn = new LinkedHashSet<>();
            while (drawn.size() < count - issued.size()) {
                drawn.add(draw());
            }
            var insert = dsl.insertInto(PRESALE_CODES, PRESALE_CODES.SHOWTIME_ID, PRESALE_CODES.CODE, PRESALE_CODES.ISSUED_AT);
            for (String code : drawn) {
                insert = insert.values(showtimeId, code, now);
            }
            issued.addAll(insert.onConflictDoNothing().returning(PRESALE_CODES.CODE).fetch(PRESALE_CODES.CODE));
        }
        return issued;
    }

    /** Ten characters of {@link #ALPHABET} in groups of four, four and two (K7MQ-4TRV-9C), about 46 bits. */
    static String draw() {
        StringBuilder code = new StringBuilder(12);
        for (int i = 0; i < 10; i++) {
            if (i == 4 || i == 8) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The customer holds with an issued code (upper case): true when it is theirs, now or already; false when no such
     * code was issued for the showtime or another customer used it first.
     */
    boolean use(UUID showtimeId, String code, String userId) {
        return dsl.update(PRESALE_CODES).set(PRESALE_CODES.USED_BY, userId)
                .set(PRESALE_CODES.USED_AT, DSL.coalesce(PRESALE_CODES.USED_AT, DSL.val(StoredTime.now())))
                .where(PRESALE_CODES.SHOWTIME_ID.eq(showtimeId)).and(PRESALE_CODES.CODE.eq(code))
                .and(PRESALE_CODES.USED_BY.isNull().or(PRESALE_CODES.USED_BY.eq(userId))).execute() == 1;
    }

    /** How many codes were issued for the showtime, and how many of them were used. */
    record Counts(int issued, int used) {}

    Counts counts(UUID showtimeId) {
        return dsl.select(DSL.count(), DSL.count(PRESALE_CODES.USED_BY)).from(PRESALE_CODES).where(PRESALE_CODES.SHOWTIME_ID.eq(showtimeId))
                .fetchSingle(r -> new Counts(r.value1(), r.value2()));
    }
}
