package io.ticketmesh.booking.waitingroom;

import static io.ticketmesh.booking.booking.BookingProtos.timestamp;

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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The on-sale waiting room of a showtime. Customers who join before the opening draw a random place among the early
 * arrivals; later ones queue behind them in arrival order. From the opening the room admits {@link AdmissionPace its
 * rate}; a customer learns of their admission when they next ask, and gets a token (see {@link AdmissionTokens}) that
 * lets their holds through for the room's admission time. A room that is off, or not set up, admits everyone
 * without a token.
 */
@Service
public class WaitingRooms {
    public static final String TOPIC = "ticketmesh.waitingroom";
    static final Duration DEFAULT_ADMISSION = Duration.ofMinutes(10);
    static final Duration LONGEST_ADMISSION = Duration.ofHours(24);
    private final SecureRandom draws = new SecureRandom();
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
        room.setOpensAt(request.hasOpensAt() ? time(request.getOpensAt()) : now);
        room.setRateSince(room.getOpensAt());
        room.setAdmittedBefore(0L);
        room.setVersion(0L);
        return saved(room, request, admission, now);
    }

    private WaitingRoomsRecord changed(WaitingRoomsRecord room, ConfigureRoomRequest request, Duration admission) {
        OffsetDateTime now = StoredTime.now();
        OffsetDateTime opensAt = request.hasOpensAt() ? time(request.getOpensAt()) : room.getOpensAt();
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
            OffsetDateTime now = StoredTime.now();
            Long earlyKey = now.isBefore(room.getOpensAt()) ? draws.nextLong(WaitingRoomRepository.LATE_ARRIVALS) : null;
            rooms.enter(room.getShowtimeId(), caller.userId(), request.getRequestId(), earlyKey, now);
            return rooms.place(room.getShowtimeId(), caller.userId()).orElseThrow();
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

    /** Where a place stands now: admitted (at its turn, from the first time it is asked after), lapsed, or waiting. */
    private RoomPlace place(WaitingRoomsRecord room, WaitingRoomPlacesRecord place) {
        OffsetDateTime now = StoredTime.now();
        RoomPlace.Builder answer = RoomPlace.newBuilder().setShowtimeId(room.getShowtimeId().toString());
        boolean open = !now.isBefore(room.getOpensAt());
        long rank = place.getQueueRank() != null ? place.getQueueRank() : rooms.ahead(room.getShowtimeId(), place.getQueueKey()) + 1;
        if (open && place.getQueueRank() == null) {
            rooms.rank(place, rank);
        }
        AdmissionPace pace = pace(room);
        if (place.getAdmittedAt() == null && open && rank <= pace.admittedBy(now.toInstant())) {
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
        long position = Math.max(1, rank - pace.admittedBy(now.toInstant()));
        answer.setState(AdmissionState.ADMISSION_STATE_WAITING).setPosition(position);
        Duration wait = pace.waitFor(position, now.toInstant());
        return wait == null ? answer.build() : answer.setEstimatedWait(Durations.fromMillis(wait.toMillis())).build();
    }

    private static AdmissionPace pace(WaitingRoomsRecord room) {
        return new AdmissionPace(room.getAdmittedBefore(), room.getAdmitPerMinute(), room.getRateSince().toInstant());
    }

    private static OffsetDateTime time(com.google.protobuf.Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
