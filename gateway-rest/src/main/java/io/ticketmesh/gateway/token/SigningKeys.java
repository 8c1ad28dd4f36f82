package io.ticketmesh.gateway.token;

import static io.ticketmesh.gateway.persistence.jooq.Tables.SIGNING_KEYS;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.ticketmesh.gateway.config.GatewayProperties;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 keys that sign access tokens, kept in the identity database so every gateway instance shares them.
 * A new key is published {@code keyPrepublish} before it starts signing (so services that cached the JWKS know it
 * by then), signs for {@code keyRotation}, and stays published after retirement until the last token it signed
 * has expired.
 */
@Component
public class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration RELOAD_AFTER = Duration.ofSeconds(30);

    record Key(String kid, RSAKey jwk, Instant activatesAt, Instant retiredAt, Instant publishUntil) {}

    private final DSLContext dsl;
    private final TransactionTemplate transactions;
    private final GatewayProperties.Tokens settings;
    private final Clock clock;
    private volatile List<Key> keys = List.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    public SigningKeys(DSLContext dsl, TransactionTemplate transactions, GatewayProperties properties, Clock clock) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.settings = properties.tokens();
        this.clock = clock;
    }

    /** The key that signs now. Creates the very first key on a fresh database. */
    public RSAKey current() {
        Instant now = clock.instant();
        return loaded().stream()
                .filter(k -> !k.activatesAt().isAfter(now) && (k.retiredAt() == null || k.retiredAt().isAfter(now)))
                .max(Comparator.comparing(Key::activatesAt))
                .map(Key::jwk)
                .orElseGet(() -> {
                    createFirstKey();
                    return reload().stream().max(Comparator.comparing(Key::activatesAt)).orElseThrow().jwk();
                });
    }

    /** The public keys to publish: the current one, the coming one, and retired ones whose tokens may still live. */
    public JWKSet publicKeys() {
        current();
        Instant now = clock.instant();
        return new JWKSet(loaded().stream()
                .filter(k -> k.publishUntil() == null || k.publishUntil().isAfter(now))
                .map(k -> (JWK) k.jwk().toPublicJWK())
                .toList());
    }

    /** The published keys as a JWK source, for verifying tokens inside the gateway without an HTTP round trip. */
    public JWKSource<SecurityContext> jwkSource() {
        return (selector, context) -> selector.select(publicKeys());
    }

    /** Starts a new key when the current one has signed long enough (checked every minute). */
    @Scheduled(fixedDelayString = "${ticketmesh.gateway.tokens.rotation-check:PT1M}", initialDelayString = "PT10S")
    public void rotateIfDue() {
        Instant now = clock.instant();
        Key newest = loaded().stream().max(Comparator.comparing(Key::activatesAt)).orElse(null);
        if (newest != null && newest.retiredAt() == null
                && !newest.activatesAt().plus(settings.keyRotation()).isAfter(now.plus(settings.keyPrepublish()))) {
            rotate();
        }
    }

    /** Publishes a new key now; it signs after the prepublish period, when the current key retires. */
    public void rotate() {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            Instant switchover = now.plus(settings.keyPrepublish());
            var unretired = dsl.selectFrom(SIGNING_KEYS).where(SIGNING_KEYS.RETIRED_AT.isNull()).forUpdate().fetch();
            for (var key : unretired) {
                key.setRetiredAt(utc(switchover));
                // the last token it signs expires accessTtl after the switchover; a minute of clock skew on top
                key.setPublishUntil(utc(switchover.plus(settings.accessTtl()).plusSeconds(60)));
                key.store();
            }
            insertKey(switchover);
            dsl.deleteFrom(SIGNING_KEYS).where(SIGNING_KEYS.PUBLISH_UNTIL.lt(utc(now.minus(Duration.ofDays(1))))).execute();
        });
        log.info("signing key rotation: a new key is published and signs from {}", clock.instant().plus(settings.keyPrepublish()));
        reload();
    }

    private void createFirstKey() {
        try {
            transactions.executeWithoutResult(status -> {
                if (dsl.fetchCount(SIGNING_KEYS) == 0) {
                    insertKey(clock.instant());
                }
            });
        } catch (IntegrityConstraintViolationException raced) {
            // another gateway instance created it first
        }
    }

    private void insertKey(Instant activatesAt) {
        RSAKey key = generate();
        dsl.insertInto(SIGNING_KEYS)
                .set(SIGNING_KEYS.KID, key.getKeyID())
                .set(SIGNING_KEYS.JWK, key.toJSONString())
                .set(SIGNING_KEYS.ACTIVATES_AT, utc(activatesAt))
                .execute();
    }

    private List<Key> loaded() {
        if (Duration.between(loadedAt, clock.instant()).compareTo(RELOAD_AFTER) > 0 || keys.isEmpty()) {
            return reload();
        }
        return keys;
    }

    private synchronized List<Key> reload() {
        keys = dsl.selectFrom(SIGNING_KEYS).fetch(r -> new Key(r.getKid(), parse(r.getJwk()), r.getActivatesAt().toInstant(),
                r.getRetiredAt() == null ? null : r.getRetiredAt().toInstant(),
                r.getPublishUntil() == null ? null : r.getPublishUntil().toInstant()));
        loadedAt = clock.instant();
        return keys;
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
                    .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored signing key does not parse", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
