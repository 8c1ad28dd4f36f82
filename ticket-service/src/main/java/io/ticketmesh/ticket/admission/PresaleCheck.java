package io.ticketmesh.ticket.admission;

import static io.ticketmesh.ticket.persistence.jooq.Tables.INVENTORY_SHOWTIMES;
import static io.ticketmesh.ticket.persistence.jooq.Tables.PRESALES;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.validation.EnteredCodes;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Whether a hold goes through as part of its showtime's presale: while the presale runs (from its start until the
 * showtime's sales_start) only a hold with one of its codes does (or one of the single-use codes issued for it,
 * {@link PresaleCodes}, asked of the database each time), and a wrong code is told as such. Outside it the code
 * is not looked at and the hold is decided by the showtime's sales window alone. Each process reads a showtime's
 * presale at most once a second, as {@link AdmissionCheck} reads its waiting room, so the hold path pays for it in
 * memory.
 */
@Component
public class PresaleCheck {
    private static final long FRESH_FOR_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final DSLContext dsl;
    private final PresaleCodes issued;
    private final Map<UUID, Cached> presales = new ConcurrentHashMap<>();

    /** A presale as the hold path needs it: its window, its shared codes (upper case), whether issued codes admit. */
    private record Window(OffsetDateTime startsAt, OffsetDateTime salesStart, Set<String> codes, boolean issuedCodes) {
        boolean runs(OffsetDateTime now) {
            return salesStart != null && !now.isBefore(startsAt) && now.isBefore(salesStart);
        }
    }

    private record Cached(Optional<Window> window, long readAtNanos) {}

    public PresaleCheck(DSLContext dsl, PresaleCodes issued) {
        this.dsl = dsl;
        this.issued = issued;
    }

    /**
     * True when the showtime's presale runs and {@code code} is one of its codes, or with issued codes one issued for
     * it that is the customer's (now, if unused): the hold may then be taken before the sales start. False when no
     * presale runs. While one runs, a hold without a code is refused (SHOWTIME_NOT_ON_SALE, saying when the general
     * sale opens) and one with another code too (PRESALE_CODE_INVALID on presale_code).
     */
    public boolean admits(UUID showtimeId, String code, String userId) {
        Optional<Window> window = window(showtimeId);
        OffsetDateTime now = OffsetDateTime.now();
        if (window.isEmpty() || !window.get().runs(now)) {
            return false;
        }
        if (code.isBlank()) {
            throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE,
                    "sales have not started: until " + window.get().salesStart() + " only holders of a presale code may hold")
                    .with(ErrorDetail.SALES_START, window.get().salesStart().toString());
        }
        String entered = EnteredCodes.normalized(code);
        if (window.get().codes().contains(entered) || window.get().issuedCodes() && issued.use(showtimeId, entered, userId)) {
            return true;
        }
        String why = window.get().issuedCodes() ? "is not a code of this showtime's presale, was withdrawn, or another customer used it"
                : "is not a code of this showtime's presale";
        throw new DomainException(FailureKind.INVALID_ARGUMENT, ErrorReason.ERROR_REASON_PRESALE_CODE_INVALID, "presale_code: " + why,
                List.of(new FieldViolation("presale_code", why)));
    }

    /** Forgets what this process read of the showtime's presale (a change made here committed), for its next hold. */
    void forget(UUID showtimeId) {
        presales.remove(showtimeId);
    }

    private Optional<Window> window(UUID showtimeId) {
        long now = System.nanoTime();
        Cached cached = presales.get(showtimeId);
        if (cached == null || now - cached.readAtNanos() > FRESH_FOR_NANOS) {
            cached = new Cached(read(showtimeId), now);
            presales.put(showtimeId, cached);
        }
        return cached.window();
    }

    private Optional<Window> read(UUID showtimeId) {
        return dsl.select(PRESALES.STARTS_AT, INVENTORY_SHOWTIMES.SALES_START, PRESALES.CODES, PRESALES.ISSUED_CODES).from(PRESALES)
                .join(INVENTORY_SHOWTIMES).on(INVENTORY_SHOWTIMES.ID.eq(PRESALES.SHOWTIME_ID))
                .where(PRESALES.SHOWTIME_ID.eq(showtimeId))
                .fetchOptional(row -> new Window(row.value1(), row.value2(), Set.of(row.value3()), row.value4()));
    }
}
