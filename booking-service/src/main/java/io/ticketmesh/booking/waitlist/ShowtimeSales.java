package io.ticketmesh.booking.waitlist;

import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Whether a showtime, as the catalog has it, will sell anything again: the end of its waitlist. */
final class ShowtimeSales {
    private ShowtimeSales() {}

    /**
     * Why the showtime sells nothing any more (cancelled, ended, its sales closed or it began, as ticket-service
     * refuses a hold), or empty while it may still sell (on sale, sold out, a draft, sales not yet open).
     */
    static Optional<String> over(Showtime showtime, OffsetDateTime now) {
        if (showtime.getStatus() == ShowtimeStatus.SHOWTIME_STATUS_CANCELLED || showtime.getStatus() == ShowtimeStatus.SHOWTIME_STATUS_ENDED) {
            return Optional.of("the showtime is " + showtime.getStatus().name().substring("SHOWTIME_STATUS_".length()).toLowerCase());
        }
        if (showtime.hasSalesEnd() && !now.isBefore(StoredTime.of(showtime.getSalesEnd()))) {
            return Optional.of("sales have ended");
        }
        if (showtime.hasStartsAt() && !now.isBefore(StoredTime.of(showtime.getStartsAt()))) {
            return Optional.of("the showtime has started");
        }
        return Optional.empty();
    }
}
