package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.ExtendHoldRequest;
import io.ticketmesh.proto.ticket.v1.ExtendHoldResponse;
import io.ticketmesh.proto.ticket.v1.GetHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetHoldResponse;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableRequest;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableResponse;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsResponse;
import io.ticketmesh.proto.ticket.v1.HoldStatus;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldResponse;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.StandingPlaces;
import io.ticketmesh.ticket.admission.AdmissionCheck;
import io.ticketmesh.ticket.admission.PresaleCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * HoldSeats, HoldBestAvailable, GetHold, ExtendHold, ReleaseHold: the Redis gate first (cheap refusals under contention), then the
 * PostgreSQL transaction that decides (for new holds and releases, one shared with the others of the moment:
 * {@link HoldBatcher}). A hold's id is derived from the customer and the request id, so a retried
 * request meets its own gate claim and gets the first answer back.
 */
@Service
public class HoldService {
    /** How long a gate claim outlives its hold's expiry, so a lapsing hold's seats stay gated until swept. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(10);
    static final int PICKS = 5;
    private final SeatGate gate;
    private final HoldLedger ledger;
    private final HoldBatcher batcher;
    private final StandingPicker picker;
    private final HoldProperties properties;
    private final Outbox outbox;
    private final AdmissionCheck admission;
    private final PresaleCheck presales;

    public HoldService(SeatGate gate, HoldLedger ledger, HoldBatcher batcher, StandingPicker picker, HoldProperties properties,
                       Outbox outbox, AdmissionCheck admission, PresaleCheck presales) {
        this.admission = admission;
        this.presales = presales;
        this.gate = gate;
        this.picker = picker;
        this.ledger = ledger;
        this.batcher = batcher;
        this.properties = properties;
        this.outbox = outbox;
    }

    public HoldSeatsResponse hold(HoldSeatsRequest request) {
        Caller caller = CallerContext.current().requireAuthenticated();
        if (request.getSeatIdsCount() == 0 && request.getStandingCount() == 0) {
            throw DomainException.invalid("seat_ids", "name at least one seat or standing place");
        }
        if (request.getBoxOffice()) {
            ledger.requireBoxOffice(request.getShowtimeId(), caller);
        } else {
            requireAdmissionUnlessMade(request, caller);
        }
        return request.getStandingCount() == 0 ? holdExactly(request, caller) : holdStanding(request, caller);
    }

    /**
     * The waiting room's admission, unless this request made its hold already: a retry after the token lapsed is
     * answered from the hold it made, as HoldBestAvailable's is (looked for only when admission is refused).
     */
    private void requireAdmissionUnlessMade(HoldSeatsRequest request, Caller caller) {
        try {
            admission.require(UUID.fromString(request.getShowtimeId()), caller, request.getAdmissionToken());
        } catch (DomainException refused) {
            if (ledger.existing(holdId(caller, request.getRequestId())).isEmpty()) {
                throw refused;
            }
        }
    }

    /**
     * Holds the named seats with places picked in the standing areas ({@link StandingPicker}); when another customer
     * takes a picked place first, places are picked again, up to {@value #PICKS} picks. A retry finds the hold its
     * request made (the places were picked once).
     */
    private HoldSeatsResponse holdStanding(HoldSeatsRequest request, Caller caller) {
        UUID holdId = holdId(caller, request.getRequestId());
        Optional<Hold> earlier = ledger.existing(holdId);
        if (earlier.isPresent()) {
            return replayStanding(earlier.get(), request);
        }
        Set<UUID> seats = Set.copyOf(seatIds(request.getSeatIdsList()));
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        for (int pick = 1; ; pick++) {
            HoldSeatsRequest exact = request.toBuilder().clearStanding()
                    .addAllSeatIds(picker.pick(showtimeId, request.getStandingList()).stream().map(UUID::toString).toList()).build();
            try {
                return holdExactly(exact, caller);
            } catch (DomainException e) {
                Optional<Hold> made = e.reason() == ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED ? ledger.existing(holdId)
                        : Optional.empty();
                if (made.isPresent()) {
                    // a concurrent retry of this request made the hold, with places of its own picking
                    return replayStanding(made.get(), request);
                }
                if (e.reason() != ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE || pick == PICKS || takenAmong(e, seats)) {
                    throw e;
                }
            }
        }
    }

    /** The hold a request made before, unless this request (with the same id) asks for other seats or places. */
    private HoldSeatsResponse replayStanding(Hold earlier, HoldSeatsRequest request) {
        Set<String> seats = earlier.getSeatsList().stream().filter(seat -> !seat.getStanding()).map(SeatAvailability::getSeatId)
                .collect(Collectors.toSet());
        Map<String, Integer> places = earlier.getStandingList().stream()
                .collect(Collectors.toMap(StandingPlaces::getSectionId, StandingPlaces::getQuantity));
        Map<String, Integer> asked = request.getStandingList().stream()
                .collect(Collectors.toMap(StandingPlaces::getSectionId, StandingPlaces::getQuantity, Integer::sum));
        if (!earlier.getShowtimeId().equals(request.getShowtimeId()) || !seats.equals(Set.copyOf(request.getSeatIdsList()))
                || !places.equals(asked)) {
            throw HoldRefusals.requestReused(request.getRequestId());
        }
        return HoldSeatsResponse.newBuilder().setHold(earlier).build();
    }

    /** Whether a SEAT_UNAVAILABLE refusal names any of these seats (then picking places again cannot help). */
    private static boolean takenAmong(DomainException refusal, Set<UUID> seats) {
        List<String> taken = ErrorDetail.SEAT_IDS.itemsIn(refusal.metadata());
        return taken.isEmpty() || taken.stream().map(UUID::fromString).anyMatch(seats::contains);
    }

    /**
     * Picks seats (see {@link BestAvailable}) and holds them; when another customer takes a pick first, the next best
     * is tried, up to {@value #PICKS} picks. When no seats of the tier are left, its standing areas are tried in turn
     * (any area, in a showtime with no numbered seats), with places taken as HoldSeats' {@code standing} would, unless
     * features were asked for: standing places have none.
     */
    public HoldBestAvailableResponse holdBestAvailable(HoldBestAvailableRequest request) {
        Caller caller = holder(request.getForUserId());
        Optional<Hold> earlier = ledger.existing(holdId(caller, request.getRequestId()));
        if (earlier.isPresent()) {
            return HoldBestAvailableResponse.newBuilder().setHold(earlier.get()).build();
        }
        if (request.getBoxOffice()) {
            ledger.requireBoxOffice(request.getShowtimeId(), caller);
        } else if (request.getForUserId().isEmpty()) {
            admission.require(UUID.fromString(request.getShowtimeId()), caller, request.getAdmissionToken());
        }
        Set<String> features = request.getFeaturesList().stream().map(f -> f.name().substring("SEAT_FEATURE_".length()))
                .collect(Collectors.toSet());
        HoldLedger.Supply supply = ledger.available(UUID.fromString(request.getShowtimeId()), request.getTier(),
                window(UUID.fromString(request.getShowtimeId()), request.getPresaleCode(), request.getBoxOffice(), caller));
        for (List<UUID> pick : BestAvailable.candidates(supply.seats(), request.getQuantity(), request.getTogether(), features, PICKS)) {
            HoldSeatsRequest exact = HoldSeatsRequest.newBuilder().setRequestId(request.getRequestId()).setShowtimeId(request.getShowtimeId())
                    .setPresaleCode(request.getPresaleCode()).setBoxOffice(request.getBoxOffice()).addAllSeatIds(pick.stream().map(UUID::toString).toList()).build();
            Optional<HoldSeatsResponse> held = unlessUnavailable(() -> holdExactly(exact, caller));
            if (held.isPresent()) {
                return HoldBestAvailableResponse.newBuilder().setHold(held.get().getHold()).build();
            }
        }
        for (UUID area : features.isEmpty() ? supply.standingAreas().get() : List.<UUID>of()) {
            HoldSeatsRequest places = HoldSeatsRequest.newBuilder().setRequestId(request.getRequestId()).setShowtimeId(request.getShowtimeId())
                    .setPresaleCode(request.getPresaleCode()).setBoxOffice(request.getBoxOffice())
                    .addStanding(StandingPlaces.newBuilder().setSectionId(area.toString()).setQuantity(request.getQuantity())).build();
            Optional<HoldSeatsResponse> held = unlessUnavailable(() -> holdStanding(places, caller));
            if (held.isPresent()) {
                return HoldBestAvailableResponse.newBuilder().setHold(held.get().getHold()).build();
            }
        }
        throw new DomainException(FailureKind.ABORTED, ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE, "no " + request.getQuantity()
                + (request.getTogether() ? " seats together" : " seats") + " match" + (features.isEmpty() ? "" : " " + features));
    }

    /** The hold an attempt made, or empty when a seat or place of it was taken (any other refusal is thrown). */
    private static Optional<HoldSeatsResponse> unlessUnavailable(Supplier<HoldSeatsResponse> attempt) {
        try {
            return Optional.of(attempt.get());
        } catch (DomainException e) {
            if (e.reason() != ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /**
     * When a hold may be made: the box office's (its caller checked already) from publication to the start, a hold
     * with a code of the showtime's running presale also before the sales start (a hold without one then, or with a
     * wrong one, is refused here), any other in the general sale.
     */
    private SalesWindow window(UUID showtimeId, String presaleCode, boolean boxOffice, Caller holder) {
        return boxOffice ? SalesWindow.BOX_OFFICE
                : presales.admits(showtimeId, presaleCode, holder.userId()) ? SalesWindow.PRESALE : SalesWindow.GENERAL;
    }

    /** Who a hold is for: the caller, or the customer an internal service holds for ({@code for_user_id}). */
    private static Caller holder(String forUserId) {
        Caller caller = CallerContext.current().requireAuthenticated();
        if (forUserId.isEmpty()) {
            return caller;
        }
        caller.requireService();
        return new Caller(forUserId, "", "", Map.of(), Set.of(), "");
    }

    private HoldSeatsResponse holdExactly(HoldSeatsRequest request, Caller caller) {
        List<UUID> seatIds = seatIds(request.getSeatIdsList());
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        UUID holdId = holdId(caller, request.getRequestId());
        SalesWindow window = window(showtimeId, request.getPresaleCode(), request.getBoxOffice(), caller);
        List<UUID> claimedElsewhere = gate.claim(showtimeId, holdId, seatIds, properties.ttl().plus(CLAIM_MARGIN));
        if (!claimedElsewhere.isEmpty()) {
            throw SeatUnavailable.of(claimedElsewhere);
        }
        try {
            return batcher.take(new HoldOrder(showtimeId, holdId, UUID.fromString(caller.userId()), seatIds, request.getRequestId(),
                    outbox.origin(), window));
        } catch (RuntimeException e) {
            boolean reused = e instanceof DomainException refusal && refusal.reason() == ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED;
            gate.release(showtimeId, holdId, reused ? claimedByThisCall(holdId, seatIds) : seatIds);
            throw e;
        }
    }

    /**
     * The claims a call refused for reusing a request id gives back: its seats but those the active hold of the same
     * id (the same customer and request id, for other seats) holds, whose claims are that hold's.
     */
    private List<UUID> claimedByThisCall(UUID holdId, List<UUID> seatIds) {
        Set<String> held;
        try {
            held = ledger.existing(holdId).filter(hold -> hold.getStatus() == HoldStatus.HOLD_STATUS_ACTIVE)
                    .map(hold -> Set.copyOf(hold.getSeatIdsList())).orElse(Set.of());
        } catch (RuntimeException unreadable) {
            return seatIds;
        }
        return seatIds.stream().filter(seat -> !held.contains(seat.toString())).toList();
    }

    public GetHoldResponse get(GetHoldRequest request) {
        return GetHoldResponse.newBuilder().setHold(ledger.view(request.getHoldId(), CallerContext.current())).build();
    }

    public ExtendHoldResponse extend(ExtendHoldRequest request) {
        ExtendHoldResponse response = ledger.extend(request, CallerContext.current().requireAuthenticated());
        var hold = response.getHold();
        Duration left = Duration.between(OffsetDateTime.now().toInstant(),
                java.time.Instant.ofEpochSecond(hold.getExpiresAt().getSeconds())).plus(CLAIM_MARGIN);
        gate.extend(UUID.fromString(hold.getShowtimeId()), UUID.fromString(hold.getHoldId()), ids(hold.getSeatIdsList()), left);
        return response;
    }

    public ReleaseHoldResponse release(ReleaseHoldRequest request) {
        return batcher.release(new ReleaseOrder(UUID.fromString(request.getHoldId()),
                CallerContext.current().requireAuthenticated(), outbox.origin()));
    }

    private static UUID holdId(Caller caller, String requestId) {
        return UUID.nameUUIDFromBytes((caller.userId() + "/" + requestId).getBytes(StandardCharsets.UTF_8));
    }

    private static List<UUID> seatIds(List<String> values) {
        Set<UUID> ids = new LinkedHashSet<>(ids(values));
        if (ids.size() < values.size()) {
            throw DomainException.invalid("seat_ids", "names a seat twice");
        }
        return List.copyOf(ids);
    }

    private static List<UUID> ids(List<String> values) {
        return values.stream().map(UUID::fromString).toList();
    }
}
