package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.ticket.persistence.HoldRepository.LockedHold;
import io.ticketmesh.ticket.persistence.jooq.tables.records.InventoryShowtimesRecord;
import java.time.OffsetDateTime;

/** The reasons a hold is refused, as the errors the caller gets. */
final class HoldRefusals {
    private HoldRefusals() {}

    /** Throws SHOWTIME_NOT_ON_SALE when the showtime sells nothing now to a hold let through {@code window}. */
    static void requireOnSale(InventoryShowtimesRecord showtime, OffsetDateTime now, SalesWindow window) {
        DomainException closed = notOnSale(showtime, now, window);
        if (closed != null) {
            throw closed;
        }
    }

    /**
     * The SHOWTIME_NOT_ON_SALE refusal of a hold now, or null when the showtime sells to it: it is on sale and has not
     * begun, and (but for the box office, open from publication to the start) its sales have started (or the hold
     * has a code of its running presale) and not ended.
     */
    static DomainException notOnSale(InventoryShowtimesRecord showtime, OffsetDateTime now, SalesWindow window) {
        String why = !showtime.getStatus().equals("ON_SALE") ? "the showtime is " + showtime.getStatus().toLowerCase()
                : window == SalesWindow.GENERAL && showtime.getSalesStart() != null && now.isBefore(showtime.getSalesStart()) ? "sales have not started"
                : window != SalesWindow.BOX_OFFICE && showtime.getSalesEnd() != null && !now.isBefore(showtime.getSalesEnd()) ? "sales have ended"
                : !now.isBefore(showtime.getStartsAt()) ? "the showtime has started" : null;
        return why == null ? null
                : new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE, why);
    }

    /** Throws SHOWTIME_NOT_ON_SALE for a hold of a cancelled showtime: it is neither sold nor extended. */
    static void requireNotCancelled(LockedHold locked) {
        if (locked.showtimeCancelled()) {
            throw new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE, "the showtime is cancelled");
        }
    }

    static DomainException limitExceeded(int limit, int already) {
        return new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_LIMIT_EXCEEDED,
                "at most " + limit + " tickets per customer; you have " + already)
                .with(ErrorDetail.LIMIT, Integer.toString(limit)).with(ErrorDetail.HELD_OR_BOUGHT, Integer.toString(already));
    }

    static DomainException requestReused(String requestId) {
        return new DomainException(FailureKind.ABORTED, ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED,
                "request_id " + requestId + " was used for a different request");
    }
}
