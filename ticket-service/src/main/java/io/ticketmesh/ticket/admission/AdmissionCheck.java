package io.ticketmesh.ticket.admission;

import static io.ticketmesh.ticket.persistence.jooq.Tables.WAITING_ROOMS;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.crypto.Ed25519Keys;
import io.ticketmesh.platform.crypto.SignedClaims;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Lets a hold through unless its showtime's waiting room is active and the hold lacks an admission token for this
 * customer and showtime, unexpired, signed by the room's key ({@code WR1.<kid>.<showtime|user|expires>.<signature>},
 * see {@link SignedClaims}). Each process reads a room at most once a second (holds come by the thousand a second),
 * so turning a room on or off takes effect here within a second of its WaitingRoomChanged arriving.
 */
@Component
public class AdmissionCheck {
    static final String PREFIX = "WR1";
    private static final long FRESH_FOR_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final DSLContext dsl;
    private final Map<UUID, Cached> rooms = new ConcurrentHashMap<>();

    private record Room(boolean active, String keyId, PublicKey key) {}

    private record Cached(Optional<Room> room, long readAtNanos) {}

    public AdmissionCheck(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Throws PERMISSION_DENIED (ADMISSION_REQUIRED) when the showtime's room is active and the token does not admit the caller. */
    public void require(UUID showtimeId, Caller caller, String token) {
        Optional<Room> room = room(showtimeId).filter(Room::active);
        if (room.isEmpty()) {
            return;
        }
        if (token.isEmpty()) {
            throw refused("the waiting room is open for this showtime: join it, and hold with the admission token it gives");
        }
        List<String> claims = SignedClaims.read(token, PREFIX, (kid, signed, signature) -> kid.equals(room.get().keyId())
                && Ed25519Keys.verifies(room.get().key(), signed, signature)).map(SignedClaims::claims)
                .filter(fields -> fields.size() == 3).orElseThrow(() -> refused("the admission token is not one this showtime's waiting room gave"));
        if (!claims.get(0).equals(showtimeId.toString())) {
            throw refused("the admission token is for another showtime");
        }
        if (!claims.get(1).equals(caller.userId())) {
            throw refused("the admission token is another customer's");
        }
        if (!Instant.now().isBefore(Instant.ofEpochSecond(Long.parseLong(claims.get(2))))) {
            throw refused("the admission token has expired: join the waiting room again");
        }
    }

    private Optional<Room> room(UUID showtimeId) {
        long now = System.nanoTime();
        Cached cached = rooms.get(showtimeId);
        if (cached == null || now - cached.readAtNanos() > FRESH_FOR_NANOS) {
            cached = new Cached(read(showtimeId), now);
            rooms.put(showtimeId, cached);
        }
        return cached.room();
    }

    private Optional<Room> read(UUID showtimeId) {
        return dsl.selectFrom(WAITING_ROOMS).where(WAITING_ROOMS.SHOWTIME_ID.eq(showtimeId)).fetchOptional().map(row -> {
            try {
                return new Room(row.getActive(), row.getKeyId(), Ed25519Keys.publicKey(row.getVerificationKey()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the waiting room of " + showtimeId + " has a verification key that is not Ed25519", e);
            }
        });
    }

    private static DomainException refused(String why) {
        return new DomainException(FailureKind.PERMISSION_DENIED, ErrorReason.ERROR_REASON_ADMISSION_REQUIRED, why);
    }
}
