package io.ticketmesh.ticket.hold;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.proto.ticket.v1.ExtendHoldRequest;
import io.ticketmesh.proto.ticket.v1.ExtendHoldResponse;
import io.ticketmesh.proto.ticket.v1.GetHoldRequest;
import io.ticketmesh.proto.ticket.v1.GetHoldResponse;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsResponse;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldResponse;
import io.ticketmesh.ticket.persistence.jooq.tables.records.HoldsRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * HoldSeats, GetHold, ExtendHold, ReleaseHold: the Redis gate first (cheap refusals under contention), then the
 * PostgreSQL transaction that decides. A hold's id is derived from the customer and the request id, so a retried
 * request meets its own gate claim and gets the first answer back.
 */
@Service
public class HoldService {
    /** How long a gate claim outlives its hold's expiry, so a lapsing hold's seats stay gated until swept. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(10);
    private final SeatGate gate;
    private final HoldLedger ledger;
    private final HoldProperties properties;

    public HoldService(SeatGate gate, HoldLedger ledger, HoldProperties properties) {
        this.gate = gate;
        this.ledger = ledger;
        this.properties = properties;
    }

    public HoldSeatsResponse hold(HoldSeatsRequest request) {
        Caller caller = CallerContext.current().requireAuthenticated();
        if (request.getStandingCount() > 0) {
            throw DomainException.invalid("standing", "standing places cannot be held yet; hold seats");
        }
        List<UUID> seatIds = seatIds(request.getSeatIdsList());
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        UUID holdId = UUID.nameUUIDFromBytes((caller.userId() + "/" + request.getRequestId()).getBytes(StandardCharsets.UTF_8));
        List<UUID> claimedElsewhere = gate.claim(showtimeId, holdId, seatIds, properties.ttl().plus(CLAIM_MARGIN));
        if (!claimedElsewhere.isEmpty()) {
            throw SeatUnavailable.of(claimedElsewhere);
        }
        try {
            return ledger.take(request, caller, holdId, seatIds);
        } catch (RuntimeException e) {
            gate.release(showtimeId, holdId, seatIds);
            throw e;
        }
    }

    public GetHoldResponse get(GetHoldRequest request) {
        HoldsRecord hold = ledger.holdOf(request.getHoldId(), CallerContext.current());
        return GetHoldResponse.newBuilder().setHold(HoldProtos.hold(hold, ledger.seatsOf(hold))).build();
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
        ReleaseHoldResponse response = ledger.release(request, CallerContext.current().requireAuthenticated());
        var hold = response.getHold();
        gate.release(UUID.fromString(hold.getShowtimeId()), UUID.fromString(hold.getHoldId()), ids(hold.getSeatIdsList()));
        return response;
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
