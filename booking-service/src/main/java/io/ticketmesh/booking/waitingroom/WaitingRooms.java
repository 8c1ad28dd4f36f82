package io.ticketmesh.booking.waitingroom;

import static io.ticketmesh.platform.persistence.StoredTime.timestamp;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Durations;
import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.persistence.WaitingRoomRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.WaitingRoomPlacesRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.WaitingRoomsRecord;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.waitingroom.v1.AdmissionState;
import io.ticketmesh.proto.waitingroom.v1.ConfigureRoomRequest;
import io.ticketmesh.proto.waitingroom.v1.ConfigureRoomResponse;
import io.ticketmesh.proto.waitingroom.v1.GetStatusRequest;
import io.ticketmesh.proto.waitingroom.v1.GetStatusResponse;
import io.ticketmesh.proto.waitingroom.v1.JoinRequest;
import io.ticketmesh.proto.waitingroom.v1.JoinResponse;
import io.ticketmesh.proto.waitingroom.v1.RoomPlace;
import io.ticketmesh.proto.waitingroom.v1.WaitingRoomChanged;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The on-sale waiting room of a showtime. Customers who join before the opening draw a random place among the early
 * arrivals (ranked in that order at the first question after the opening); later ones queue behind them in arrival
 * order, each taking the room's next rank. From the opening the room admits {@link AdmissionPace its
 * rate}; a customer learns of their admission when they next ask, and gets a token (see {@link AdmissionTokens}) that
 * lets their holds through for the room's admission time. A room that is off, or not set up, admits everyone
 * without a token.
 */
@Service
public class WaitingRooms {
    private record Counted(long places, long atNanos) {}

    public static final String TOPIC = "ticketmesh.waitingroom";
    static final Duration DEFAULT_ADMISSION = Duration.ofMinutes(10);
    static final Duration LONGEST_ADMISSION = Duration.ofHours(24);
    private static final long COUNT_FRESH_FOR_NANOS = 1_000_000_000L;
    private final SecureRandom draws = new SecureRandom();
    private final Map<UUID, Counted> counts = new ConcurrentHashMap<>();
    private final WaitingRoomRepository rooms;
    private final AdmissionTokens tokens;
    private final CatalogClient catalog;
    private final Outbox outbox;
    private final TransactionTemplate transaction;

    public WaitingRooms(WaitingRoomRepository rooms, AdmissionTokens tokens, CatalogClient catalog, Outbox outbox,
                        TransactionTemplate transaction) {
        this.rooms = rooms;
        this.tokens = tokens;
        this.catalog = catalog;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** Turns a room on or off and sets its rate, opening and admission time (OWNER of the showtime's organization). */
    public ConfigureRoomResponse configure(ConfigureRoomRequest request) {
        Duration admission = request.hasAdmissionTtl() && !request.getAdmissionTtl().equals(com.google.protobuf.Duration.getDefaultInstance())
                ? Duration.ofSeconds(request.getAdmissionTtl().getSeconds(), request.getAdmissionTtl().getNanos()) : DEFAULT_ADMISSION;
        if (admission.compareTo(Duration.ofSeconds(1)) < 0 || admission.compareTo(LONGEST_ADMISSION) > 0) {
            throw DomainException.invalid("admission_ttl", "must be between 1 second and 24 hours");
        }
        String organizationId = catalog.sellerOf(request.getShowtimeId()).organizationId();
        CallerContext.authenticated().requireOwner(organizationId);
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        WaitingRoomsRecord room = transaction.execute(status -> rooms.roomForUpdate(showtimeId)
                .map(existing -> existing.getLastRequestId().equals(request.getRequestId()) ? existing : changed(existing, request, admission))
                .orElseGet(() -> created(showtimeId, organizationId, request, admission)));
        return ConfigureRoomResponse.newBuilder().setShowtimeId(request.getShowtimeId()).setActive(room.getActive())
                .setAdmitPerMinute(room.getAdmitPerMinute()).setOpensAt(timestamp(room.getOpensAt())).setWaiting(rooms.waiting(showtimeId))
                .build();
    }

    private WaitingRoomsRecord created(UUID showtimeId, String organizationId, ConfigureRoomRequest request, Duration admission) {
        OffsetDateTime now = StoredTime.now();
        WaitingRoomsRecord room = rooms.newRoom();
        room.setShowtimeId(showtimeId);
        room.setOrganizationId(UUID.fromString(organizationId));
        room.setOpensAt(request.hasOpensAt() ? StoredTime.of(request.getOpensAt()) : now);
        room.setRateSince(room.getOpensAt());
        room.setAdmittedBefore(0L);
        room.setVersion(0L);
        return saved(room, request, admission, now);
    }

    private WaitingRoomsRecord changed(WaitingRoomsRecord room, ConfigureRoomRequest request, Duration admission) {
        OffsetDateTime now = StoredTime.now();
        OffsetDateTime opensAt = request.hasOpensAt() ? StoredTime.of(request.getOpensAt()) : room.getOpensAt();
        AdmissionPace pace = pace(room).changed(request.getAdmitPerMinute(), now.toInstant(), opensAt.toInstant());
        room.setOpensAt(opensAt);
        room.setAdmittedBefore(pace.admittedBefore());
        room.setRateSince(pace.since().atOffset(ZoneOffset.UTC));
        return saved(room, request, admission, now);
    }

    private WaitingRoomsRecord saved(WaitingRoomsRecord room, ConfigureRoomRequest request, Duration admission, OffsetDateTime now) {
        room.setActive(request.getActive());
        room.setAdmitPerMinute(request.getAdmitPerMinute());
        room.setAdmissionTtlS((int) admission.toSeconds());
        room.setVersion(room.getVersion() + 1);
        room.setLastRequestId(request.getRequestId());
        room.setUpdatedAt(now);
        room.store();
        outbox.append(TOPIC, WaitingRoomChanged.newBuilder()
                .setMetadata(EventMetadatas.next(room.getShowtimeId().toString(), room.getVersion()).toBuilder().setRequestId(request.getRequestId()))
                .setShowtimeId(room.getShowtimeId().toString()).setActive(room.getActive()).setKeyId(tokens.keyId())
                .setVerificationKey(ByteString.copyFrom(tokens.verificationKey())).build());
        return room;
    }

    /** Enters the caller into the room, or answers their place there; a caller whose admission lapsed goes to the back. */
    public JoinResponse join(JoinRequest request) {
        return JoinResponse.newBuilder().setPlace(inActiveRoom(request.getShowtimeId(), (room, caller) -> {
            UUID showtimeId = room.getShowtimeId();
            OffsetDateTime now = StoredTime.now();
            Optional<WaitingRoomPlacesRecord> in = rooms.place(showtimeId, caller.userId());
            boolean staying = in.isPresent() && (in.get().getRequestId().equals(request.getRequestId())
                    || in.get().getAdmissionExpiresAt() == null || now.isBefore(in.get().getAdmissionExpiresAt()));
            if (!staying) {
                if (now.isBefore(room.getOpensAt())) {
                    rooms.enter(showtimeId, caller.userId(), request.getRequestId(), draws.nextLong(WaitingRoomRepository.LATE_ARRIVALS), null, now);
                } else {
                    transaction.executeWithoutResult(status -> rooms.enter(showtimeId, caller.userId(), request.getRequestId(), null,
                            rooms.nextRank(showtimeId), now));
                }
            }
            return rooms.place(showtimeId, caller.userId()).orElseThrow();
        })).build();
    }

    /** The caller's place; NOT_FOUND while a room is on and they have not joined it. */
    public GetStatusResponse status(GetStatusRequest request) {
        return GetStatusResponse.newBuilder().setPlace(inActiveRoom(request.getShowtimeId(), (room, caller) -> rooms
                .place(room.getShowtimeId(), caller.userId())
                .orElseThrow(() -> DomainException.notFound("place in the waiting room of showtime", request.getShowtimeId())))).build();
    }

    /** The caller's place found (or made) by {@code placeOf} in the showtime's active room; without one, admitted with no token. */
    private RoomPlace inActiveRoom(String showtimeId, BiFunction<WaitingRoomsRecord, Caller, WaitingRoomPlacesRecord> placeOf) {
        Caller caller = CallerContext.current().requireAuthenticated();
        Optional<WaitingRoomsRecord> room = rooms.room(UUID.fromString(showtimeId)).filter(WaitingRoomsRecord::getActive);
        if (room.isEmpty()) {
            return RoomPlace.newBuilder().setShowtimeId(showtimeId).setState(AdmissionState.ADMISSION_STATE_ADMITTED).build();
        }
        return place(room.get(), placeOf.apply(room.get(), caller));
    }

    /**
     * Where a place stands now: admitted (at its turn, from the first time it is asked after), lapsed, or waiting.
     * Before the opening a place has no rank yet: its position is estimated from its draw (keys are uniform, so a key
     * a quarter of the way up stands about a quarter of the way down the room).
     */
    private RoomPlace place(WaitingRoomsRecord room, WaitingRoomPlacesRecord place) {
        OffsetDateTime now = StoredTime.now();
        RoomPlace.Builder answer = RoomPlace.newBuilder().setShowtimeId(room.getShowtimeId().toString());
        AdmissionPace pace = pace(room);
        if (now.isBefore(room.getOpensAt())) {
            long position = 1 + (long) ((double) place.getQueueKey() / WaitingRoomRepository.LATE_ARRIVALS * (placesIn(room.getShowtimeId()) - 1));
            return waiting(answer, Math.max(1, position - pace.admittedBefore()), pace, now);
        }
        if (place.getQueueRank() == null) {
            place = ranked(place);
        }
        if (place.getAdmittedAt() == null && place.getQueueRank() <= pace.admittedBy(now.toInstant())) {
            place = rooms.admit(place, now, now.plusSeconds(room.getAdmissionTtlS()));
        }
        if (place.getAdmittedAt() != null) {
            if (!now.isBefore(place.getAdmissionExpiresAt())) {
                return answer.setState(AdmissionState.ADMISSION_STATE_EXPIRED).build();
            }
            return answer.setState(AdmissionState.ADMISSION_STATE_ADMITTED).setAdmissionExpiresAt(timestamp(place.getAdmissionExpiresAt()))
                    .setAdmissionToken(tokens.sign(room.getShowtimeId(), place.getUserId(), place.getAdmissionExpiresAt().toInstant()))
                    .build();
        }
        return waiting(answer, Math.max(1, place.getQueueRank() - pace.admittedBy(now.toInstant())), pace, now);
    }

    /**
     * The place with its rank: the early arrivals are ranked at the first question after the opening; one that joined
     * as the room opened, after that ranking, goes behind them.
     */
    private WaitingRoomPlacesRecord ranked(WaitingRoomPlacesRecord place) {
        transaction.executeWithoutResult(status -> {
            rooms.rankEarlyArrivals(place.getShowtimeId());
            if (rooms.place(place.getShowtimeId(), place.getUserId()).orElseThrow().getQueueRank() == null) {
                rooms.rank(place, rooms.nextRank(place.getShowtimeId()));
            }
        });
        return rooms.place(place.getShowtimeId(), place.getUserId()).orElseThrow();
    }

    private static RoomPlace waiting(RoomPlace.Builder answer, long position, AdmissionPace pace, OffsetDateTime now) {
        answer.setState(AdmissionState.ADMISSION_STATE_WAITING).setPosition(position);
        Duration wait = pace.waitFor(position, now.toInstant());
        return wait == null ? answer.build() : answer.setEstimatedWait(Durations.fromMillis(wait.toMillis())).build();
    }

    /** How many are in the room, counted at most once a second a room (polled by everyone waiting for the opening). */
    private long placesIn(UUID showtimeId) {
        long now = System.nanoTime();
        Counted counted = counts.get(showtimeId);
        if (counted == null || now - counted.atNanos() > COUNT_FRESH_FOR_NANOS) {
            counted = new Counted(rooms.places(showtimeId), now);
            counts.put(showtimeId, counted);
        }
        return counted.places();
    }

    private static AdmissionPace pace(WaitingRoomsRecord room) {
        return new AdmissionPace(room.getAdmittedBefore(), room.getAdmitPerMinute(), room.getRateSince().toInstant());
    }
}
