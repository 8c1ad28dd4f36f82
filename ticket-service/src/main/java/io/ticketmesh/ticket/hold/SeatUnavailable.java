package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.List;
import java.util.UUID;

/** ABORTED SEAT_UNAVAILABLE with the seats that were taken in ErrorInfo.metadata["seat_ids"], comma-separated. */
final class SeatUnavailable {
    private SeatUnavailable() {}

    static DomainException of(List<UUID> seats) {
        return new DomainException(FailureKind.ABORTED, ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE,
                seats.size() == 1 ? "seat " + seats.getFirst() + " is taken" : seats.size() + " of the seats are taken")
                .with(ErrorDetail.SEAT_IDS, seats);
    }
}
