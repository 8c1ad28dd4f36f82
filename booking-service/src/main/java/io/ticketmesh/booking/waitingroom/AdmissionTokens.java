package io.ticketmesh.booking.waitingroom;

import static io.ticketmesh.booking.persistence.jooq.Tables.ADMISSION_SIGNING_KEYS;

import io.ticketmesh.booking.persistence.jooq.tables.records.AdmissionSigningKeysRecord;
import io.ticketmesh.platform.crypto.Ed25519Keys;
import io.ticketmesh.platform.crypto.SignedClaims;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs admission tokens with Ed25519: {@code WR1.<kid>.<claims>.<signature>} (see {@link SignedClaims}), the claims
 * {@code showtime|user|expires-epoch-seconds}. ticket-service learns the key with each WaitingRoomChanged event and
 * checks a token without asking this service. The key is read (made, the first time) as the service starts and
 * kept in this service's database; the oldest signs, so every process signs with the same one.
 */
@Component
public class AdmissionTokens implements SmartInitializingSingleton {
    public static final String PREFIX = "WR1";
    private final DSLContext dsl;
    private final TransactionTemplate transaction;
    private volatile AdmissionSigningKeysRecord key;
    private volatile PrivateKey privateKey;

    public AdmissionTokens(DSLContext dsl, TransactionTemplate transaction) {
        this.dsl = dsl;
        this.transaction = transaction;
    }

    @Override
    public void afterSingletonsInstantiated() {
        AdmissionSigningKeysRecord oldest = transaction.execute(status -> oldestOrNew());
        try {
            privateKey = Ed25519Keys.privateKey(oldest.getPrivateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored admission key " + oldest.getKid() + " is not an Ed25519 key", e);
        }
        key = oldest;
    }

    /** The token admitting {@code userId} to the showtime's holds until {@code expiresAt}. */
    public String sign(UUID showtimeId, String userId, Instant expiresAt) {
        return new SignedClaims(key.getKid(), List.of(showtimeId.toString(), userId, Long.toString(expiresAt.getEpochSecond())))
                .write(PREFIX, message -> Ed25519Keys.sign(privateKey, message));
    }

    public String keyId() {
        return key.getKid();
    }

    /** The raw 32-byte public key that verifies this process's tokens. */
    public byte[] verificationKey() {
        return key.getPublicKey();
    }

    private AdmissionSigningKeysRecord oldestOrNew() {
        // processes starting together on an empty table take turns, so the second finds the first's key
        dsl.execute("select pg_advisory_xact_lock(hashtext('admission_signing_keys'))");
        AdmissionSigningKeysRecord oldest = oldest();
        if (oldest != null) {
            return oldest;
        }
        KeyPair pair = Ed25519Keys.generate();
        dsl.insertInto(ADMISSION_SIGNING_KEYS).set(ADMISSION_SIGNING_KEYS.KID, "wr-" + UUID.randomUUID().toString().substring(0, 8))
                .set(ADMISSION_SIGNING_KEYS.PRIVATE_KEY, pair.getPrivate().getEncoded())
                .set(ADMISSION_SIGNING_KEYS.PUBLIC_KEY, Ed25519Keys.raw(pair.getPublic())).execute();
        return oldest();
    }

    private AdmissionSigningKeysRecord oldest() {
        return dsl.selectFrom(ADMISSION_SIGNING_KEYS).orderBy(ADMISSION_SIGNING_KEYS.CREATED_AT.asc(), ADMISSION_SIGNING_KEYS.KID.asc())
                .limit(1).fetchOne();
    }
}
