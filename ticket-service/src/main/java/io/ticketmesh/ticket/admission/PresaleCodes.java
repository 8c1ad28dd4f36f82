package io.ticketmesh.ticket.admission;

import static io.ticketmesh.ticket.persistence.jooq.Tables.PRESALE_CODES;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.paging.Page;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.platform.validation.EnteredCodes;
import io.ticketmesh.proto.ticket.v1.IssuePresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.IssuePresaleCodesResponse;
import io.ticketmesh.proto.ticket.v1.ListPresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.ListPresaleCodesResponse;
import io.ticketmesh.proto.ticket.v1.PresaleCode;
import io.ticketmesh.proto.ticket.v1.PresaleCodeState;
import io.ticketmesh.proto.ticket.v1.WithdrawPresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.WithdrawPresaleCodesResponse;
import io.ticketmesh.ticket.inventory.ShowtimeOrganizations;
import io.ticketmesh.ticket.persistence.jooq.tables.records.PresaleCodesRecord;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use presale codes: IssuePresaleCodes makes them for an OWNER to hand out, one a fan; the first customer to
 * hold with one keeps it ({@link #use}), so a code passed around or posted admits no one but its first holder.
 * ListPresaleCodes lists them again in issue order with where each stands; WithdrawPresaleCodes stops one admitting
 * anyone, its holder included.
 */
@Service
public class PresaleCodes {
    /** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
    static final String ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
    static final int MOST_PER_SHOWTIME = 100_000;
    private static final int PAGE = 100;
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

    /** A page of the showtime's issued codes in issue order, those in the state asked for (all when unset). */
    @Transactional(readOnly = true)
    public ListPresaleCodesResponse list(ListPresaleCodesRequest request, Caller caller) {
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        organizations.requireOwner(showtimeId, caller);
        Cursor after = Cursor.parse(request);
        int size = request.getPageSize() == 0 ? PAGE : request.getPageSize();
        Condition where = PRESALE_CODES.SHOWTIME_ID.eq(showtimeId).and(inState(request.getState()));
        if (after != null) {
            where = where.and(DSL.row(PRESALE_CODES.ISSUED_AT, PRESALE_CODES.ID).gt(after.atUtc(), after.id()));
        }
        List<PresaleCodesRecord> read = dsl.selectFrom(PRESALE_CODES).where(where).orderBy(PRESALE_CODES.ISSUED_AT, PRESALE_CODES.ID)
                .limit(size + 1).fetch();
        var page = Page.of(read, size, row -> Cursor.of(row.getIssuedAt(), row.getId()), request);
        return ListPresaleCodesResponse.newBuilder().addAllCodes(page.rows().stream().map(PresaleCodes::proto).toList())
                .setNextPageToken(page.nextToken()).build();
    }

    /**
     * Withdraws the codes (any case) all together, or none when one of them was not issued for the showtime (each such
     * named); answers how many this request withdrew.
     */
    @Transactional
    public WithdrawPresaleCodesResponse withdraw(WithdrawPresaleCodesRequest request, Caller caller) {
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        organizations.requireOwner(showtimeId, caller);
        List<String> codes = request.getCodesList().stream().map(EnteredCodes::normalized).toList();
        return idempotent.once(request.getRequestId(), request, WithdrawPresaleCodesResponse.parser(), () -> {
            Set<String> issued = new HashSet<>(dsl.select(PRESALE_CODES.CODE).from(PRESALE_CODES)
                    .where(PRESALE_CODES.SHOWTIME_ID.eq(showtimeId)).and(PRESALE_CODES.CODE.in(codes)).fetch(PRESALE_CODES.CODE));
            List<FieldViolation> unknown = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                if (!issued.contains(codes.get(i))) {
                    unknown.add(new FieldViolation("codes[" + i + "]", "was not issued for this showtime"));
                }
            }
            if (!unknown.isEmpty()) {
                throw DomainException.invalid(unknown);
            }
            int withdrawn = dsl.update(PRESALE_CODES).set(PRESALE_CODES.WITHDRAWN_AT, StoredTime.now())
                    .where(PRESALE_CODES.SHOWTIME_ID.eq(showtimeId)).and(PRESALE_CODES.CODE.in(codes))
                    .and(PRESALE_CODES.WITHDRAWN_AT.isNull()).execute();
            return WithdrawPresaleCodesResponse.newBuilder().setWithdrawn(withdrawn).build();
        });
    }

    /**
     * The customer holds with an issued code (upper case): true when it is theirs, now or already; false when no such
     * code was issued for the showtime, another customer used it first or the organizer withdrew it.
     */
    boolean use(UUID showtimeId, String code, String userId) {
        return dsl.update(PRESALE_CODES).set(PRESALE_CODES.USED_BY, userId)
                .set(PRESALE_CODES.USED_AT, DSL.coalesce(PRESALE_CODES.USED_AT, DSL.val(StoredTime.now())))
                .where(PRESALE_CODES.SHOWTIME_ID.eq(showtimeId)).and(PRESALE_CODES.CODE.eq(code))
                .and(PRESALE_CODES.USED_BY.isNull().or(PRESALE_CODES.USED_BY.eq(userId))).and(PRESALE_CODES.WITHDRAWN_AT.isNull())
                .execute() == 1;
    }

    /** How many codes were issued for the showtime, how many of them were used and how many withdrawn. */
    record Counts(int issued, int used, int withdrawn) {}

    Counts counts(UUID showtimeId) {
        return dsl.select(DSL.count(), DSL.count(PRESALE_CODES.USED_BY), DSL.count(PRESALE_CODES.WITHDRAWN_AT)).from(PRESALE_CODES)
                .where(PRESALE_CODES.SHOWTIME_ID.eq(showtimeId)).fetchSingle(r -> new Counts(r.value1(), r.value2(), r.value3()));
    }

    private static Condition inState(PresaleCodeState state) {
        return switch (state) {
            case PRESALE_CODE_STATE_UNUSED -> PRESALE_CODES.USED_BY.isNull().and(PRESALE_CODES.WITHDRAWN_AT.isNull());
            case PRESALE_CODE_STATE_USED -> PRESALE_CODES.USED_BY.isNotNull().and(PRESALE_CODES.WITHDRAWN_AT.isNull());
            case PRESALE_CODE_STATE_WITHDRAWN -> PRESALE_CODES.WITHDRAWN_AT.isNotNull();
            case PRESALE_CODE_STATE_UNSPECIFIED, UNRECOGNIZED -> DSL.noCondition();
        };
    }

    private static PresaleCode proto(PresaleCodesRecord row) {
        PresaleCode.Builder code = PresaleCode.newBuilder().setCode(row.getCode())
                .setIssuedAt(StoredTime.timestamp(row.getIssuedAt()))
                .setState(row.getWithdrawnAt() != null ? PresaleCodeState.PRESALE_CODE_STATE_WITHDRAWN
                        : row.getUsedBy() != null ? PresaleCodeState.PRESALE_CODE_STATE_USED : PresaleCodeState.PRESALE_CODE_STATE_UNUSED);
        if (row.getUsedAt() != null) {
            code.setUsedAt(StoredTime.timestamp(row.getUsedAt()));
        }
        if (row.getWithdrawnAt() != null) {
            code.setWithdrawnAt(StoredTime.timestamp(row.getWithdrawnAt()));
        }
        return code.build();
    }
}
