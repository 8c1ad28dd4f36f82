package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.persistence.AfterCommit;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldRequest;
import io.ticketmesh.proto.ticket.v1.ConfirmHoldResponse;
import io.ticketmesh.proto.ticket.v1.ReleaseReason;
import io.ticketmesh.proto.ticket.v1.ReleaseSeatsRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseSeatsResponse;
import io.ticketmesh.ticket.inventory.ShowtimeOrganizations;
import io.ticketmesh.ticket.inventory.SoldOutWatch;
import io.ticketmesh.ticket.persistence.HoldRepository;
import io.ticketmesh.ticket.persistence.HoldRepository.LockedHold;
import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.SeatsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The booking saga's inventory steps: ConfirmHold turns a hold into SOLD seats for a booking, ReleaseSeats gives a
 * booking's seats back (compensation, cancellation, refund). Both are idempotent per booking: confirming a hold
 * its booking already confirmed, or releasing seats already released, changes nothing and answers the same.
 */
@Service
public class SaleLedger {
    private final HoldRepository holds;
    private final ShowtimeOrganizations organizations;
    private final InventoryEvents events;
    private final IdempotentRequests idempotent;
    private final SeatGate gate;
    private final SoldOutWatch soldOut;

    public SaleLedger(HoldRepository holds, ShowtimeOrganizations organizations, InventoryEvents events, IdempotentRequests idempotent,
                      SeatGate gate, SoldOutWatch soldOut) {
        this.gate = gate;
        this.soldOut = soldOut;
        this.holds = holds;
        this.organizations = organizations;
        this.events = events;
        this.idempotent = idempotent;
    }

    /**
     * An active hold's seats become SOLD. A lapsed or released hold fails with HOLD_EXPIRED, unless {@code reacquire}
     * asks to take the same seats again when every one of them is still free (a payment that completed late). Nothing
     * is sold once the showtime is cancelled (SHOWTIME_NOT_ON_SALE), so a booking started then takes no money.
     */
    @Transactional
    public ConfirmHoldResponse confirm(ConfirmHoldRequest request, Caller caller) {
        LockedHold locked = holds.findForUpdate(UUID.fromString(request.getHoldId()))
                .orElseThrow(() -> DomainException.notFound("hold", request.getHoldId()));
        HoldsRecord hold = locked.hold();
        caller.requireUserOrService(hold.getUserId().toString());
        UUID bookingId = UUID.fromString(request.getBookingId());
        return idempotent.once(request.getRequestId(), request, ConfirmHoldResponse.parser(), () -> {
            if (hold.getStatus().equals("CONFIRMED")) {
                if (!hold.getBookingId().equals(bookingId)) {
                    throw DomainException.invalidState("the hold was confirmed for another booking");
                }
                return answer(hold, holds.seatsOf(hold.getShowtimeId(), List.of(hold.getSeatIds())), false);
            }
            HoldRefusals.requireNotCancelled(locked); // the bookings it did sell before are refunded by booking-service
            OffsetDateTime now = StoredTime.now();
            boolean lapsed = !hold.getStatus().equals("ACTIVE") || !hold.getExpiresAt().isAfter(now);
            List<SeatsRecord> sold;
            HoldsRecord confirmed;
            if (!lapsed) {
                sold = holds.sellAndConfirm(hold, bookingId, now);
                confirmed = hold;
                confirmed.setStatus("CONFIRMED");
                confirmed.setBookingId(bookingId);
                confirmed.setEndedAt(now);
            } else if (request.getReacquire()) {
                if (hold.getStatus().equals("ACTIVE")) {
                    events.expired(hold, holds.free(hold));
                }
                sold = holds.sellIfAvailable(hold.getShowtimeId(), List.of(hold.getSeatIds()), bookingId);
                if (sold.size() < hold.getSeatIds().length) {
                    throw expired("the hold lapsed and some of its seats were taken since");
                }
                confirmed = holds.confirm(hold.getId(), bookingId, now);
            } else {
                throw expired("the hold " + (hold.getStatus().equals("ACTIVE") ? "expired" : "was " + hold.getStatus().toLowerCase()));
            }
            if (sold.size() != hold.getSeatIds().length) {
                // the hold's update is rolled back with the rest
                throw new IllegalStateException("hold " + hold.getId() + " had " + sold.size() + " of its " + hold.getSeatIds().length + " seats");
            }
            events.sold(confirmed, bookingId, sold);
            soldOut.lookAfterCommit(hold.getShowtimeId());
            return answer(confirmed, sold.stream().sorted(HoldBatch.MAP_ORDER).toList(), lapsed);
        });
    }

    /** Frees the booking's sold seats, all or those named; the holder, or STAFF/OWNER of the showtime's organization. */
    @Transactional
    public ReleaseSeatsResponse release(ReleaseSeatsRequest request, Caller caller) {
        UUID bookingId = UUID.fromString(request.getBookingId());
        HoldsRecord hold = holds.findByBooking(bookingId).orElseThrow(() -> DomainException.notFound("booking", request.getBookingId()));
        if (!caller.isService() && !caller.userId().equals(hold.getUserId().toString())) {
            organizations.requireStaff(hold.getShowtimeId(), caller);
        }
        Set<UUID> named = request.getSeatIdsList().stream().map(UUID::fromString).collect(Collectors.toSet());
        Set<UUID> booked = Set.of(hold.getSeatIds());
        if (!booked.containsAll(named)) {
            throw DomainException.invalid("seat_ids", "not all of them belong to booking " + bookingId);
        }
        return idempotent.once(request.getRequestId(), request, ReleaseSeatsResponse.parser(), () -> {
            List<SeatsRecord> freed = holds.unsell(bookingId, List.copyOf(named));
            events.released(hold, freed, ReleaseReason.RELEASE_REASON_BOOKING_CANCELLED);
            giveUpClaimsOnCommit(hold, freed);
            soldOut.lookAfterCommit(hold.getShowtimeId());
            return ReleaseSeatsResponse.newBuilder().addAllReleasedSeatIds(freed.stream().map(s -> s.getSeatId().toString()).toList())
                    .setVersion(freed.stream().mapToLong(SeatsRecord::getVersion).max().orElse(0)).build();
        });
    }

    /**
     * The Redis gate still holds the sold hold's claims until its TTL runs out; once the seats are free in PostgreSQL
     * they are given up, or the seats would be refused to everyone for up to the hold's TTL after a cancellation.
     */
    private void giveUpClaimsOnCommit(HoldsRecord hold, List<SeatsRecord> freed) {
        List<UUID> seatIds = freed.stream().map(SeatsRecord::getSeatId).toList();
        if (seatIds.isEmpty()) {
            return;
        }
        AfterCommit.run(() -> gate.release(hold.getShowtimeId(), hold.getId(), seatIds));
    }

    /** The confirmed hold with its seats as they are now, in map order. */
    private static ConfirmHoldResponse answer(HoldsRecord hold, List<SeatsRecord> seats, boolean reacquired) {
        return ConfirmHoldResponse.newBuilder().setHold(HoldProtos.hold(hold, seats)).setReacquired(reacquired).build();
    }

    private static DomainException expired(String message) {
        return new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_HOLD_EXPIRED, message);
    }
}
