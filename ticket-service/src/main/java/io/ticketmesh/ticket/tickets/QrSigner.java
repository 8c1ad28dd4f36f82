package io.ticketmesh.ticket.tickets;

import static io.ticketmesh.ticket.persistence.jooq.Tables.TICKET_SIGNING_KEYS;

import io.ticketmesh.platform.crypto.Ed25519Keys;
import io.ticketmesh.platform.crypto.SignedClaims;
import io.ticketmesh.ticket.persistence.jooq.tables.records.TicketSigningKeysRecord;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.jooq.DSLContext;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs and verifies QR payloads with Ed25519. A payload reads {@code TM1.<kid>.<claims>.<signature>}: the claims
 * are {@code ticket|showtime|seat|holder|issued-epoch-seconds}, base64url, and the signature covers
 * {@code TM1.<kid>.<claims>}, so a scanner holding the public keys (GetVerificationKeys) verifies a ticket offline.
 * The key is read (made, the first time) as the service starts, before it serves, and kept in this service's
 * database; the oldest key signs, so processes starting together all settle on the same. Keys never change, so
 * each process keeps the ones it used in memory and signing needs no database at all (reading the key lazily from
 * inside an IssueTickets transaction would take a second pooled connection per caller and can starve the pool).
 * Signing uses Bouncy Castle's Ed25519, which keeps the public key and multiplies with precomputed tables; the JDK's
 * signer derives the public key again for every signature with a plain ladder, and was a fifth of ticket-service's
 * CPU in the bookings benchmark. Ed25519 signatures are deterministic, so both give the same bytes; verification
 * (one scan at a time) stays with the JDK.
 */
@Component
public class QrSigner implements SmartInitializingSingleton {
    private static final String PREFIX = "TM1";
    private final DSLContext dsl;
    private final TransactionTemplate transaction;
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    private volatile SigningKey signingKey;

    private record SigningKey(String kid, Ed25519PrivateKeyParameters privateKey) {
        SigningKey {
            privateKey.generatePublicKey(); // derived once and kept by the parameters, before any concurrent use
        }
    }

    public QrSigner(DSLContext dsl, TransactionTemplate transaction) {
        this.dsl = dsl;
        this.transaction = transaction;
    }

    /** Runs once every bean exists (the database migrated) and before the gRPC server starts. */
    @Override
    public void afterSingletonsInstantiated() {
        signingKey = transaction.execute(status -> oldestOrNew());
    }

    /** What a payload vouches for. */
    public record Claims(UUID ticketId, UUID showtimeId, UUID seatId, UUID holderUserId, long issuedAtEpochSeconds) {}

    public String sign(Claims claims) {
        SigningKey key = signingKey;
        return new SignedClaims(key.kid(), List.of(claims.ticketId().toString(), claims.showtimeId().toString(), claims.seatId().toString(),
                claims.holderUserId().toString(), Long.toString(claims.issuedAtEpochSeconds()))).write(PREFIX, message -> {
                    byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
                    key.privateKey().sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
                    return signature;
                });
    }

    /** The claims of a genuine payload; empty for anything forged, altered or malformed. */
    public Optional<Claims> verify(String payload) {
        try {
            return SignedClaims.read(payload, PREFIX, (kid, signed, signature) -> {
                PublicKey key = publicKeys.computeIfAbsent(kid, this::storedPublicKey);
                return key != null && Ed25519Keys.verifies(key, signed, signature);
            }).map(SignedClaims::claims).map(fields -> new Claims(UUID.fromString(fields.get(0)), UUID.fromString(fields.get(1)),
                    UUID.fromString(fields.get(2)), UUID.fromString(fields.get(3)), Long.parseLong(fields.get(4))));
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    /** Every signing key's id and raw public key. */
    public List<TicketSigningKeysRecord> keys() {
        return dsl.selectFrom(TICKET_SIGNING_KEYS).orderBy(TICKET_SIGNING_KEYS.CREATED_AT).fetch();
    }

    private SigningKey oldestOrNew() {
        try {
            TicketSigningKeysRecord oldest = oldest();
            if (oldest == null) {
                KeyPair pair = Ed25519Keys.generate();
                dsl.insertInto(TICKET_SIGNING_KEYS).set(TICKET_SIGNING_KEYS.KID, "qr-" + UUID.randomUUID().toString().substring(0, 8))
                        .set(TICKET_SIGNING_KEYS.PRIVATE_KEY, pair.getPrivate().getEncoded())
                        .set(TICKET_SIGNING_KEYS.PUBLIC_KEY, Ed25519Keys.raw(pair.getPublic()))
                        .execute();
                oldest = oldest();
            }
            return new SigningKey(oldest.getKid(), new Ed25519PrivateKeyParameters(seed(oldest.getPrivateKey())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    private TicketSigningKeysRecord oldest() {
        return dsl.selectFrom(TICKET_SIGNING_KEYS).orderBy(TICKET_SIGNING_KEYS.CREATED_AT.asc(), TICKET_SIGNING_KEYS.KID.asc()).limit(1).fetchOne();
    }

    /** The public key stored under {@code kid}; null when there is none. */
    private PublicKey storedPublicKey(String kid) {
        byte[] raw = dsl.select(TICKET_SIGNING_KEYS.PUBLIC_KEY).from(TICKET_SIGNING_KEYS).where(TICKET_SIGNING_KEYS.KID.eq(kid)).fetchOne(TICKET_SIGNING_KEYS.PUBLIC_KEY);
        try {
            return raw == null ? null : Ed25519Keys.publicKey(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored public key " + kid + " is not an Ed25519 key", e);
        }
    }

    /** The 32-byte seed of a PKCS #8 Ed25519 private key, as the JDK encoded it when the key was made. */
    private static byte[] seed(byte[] pkcs8) throws GeneralSecurityException {
        return ((EdECPrivateKey) Ed25519Keys.privateKey(pkcs8)).getBytes().orElseThrow(() -> new GeneralSecurityException("the stored private key has no seed"));
    }
}
