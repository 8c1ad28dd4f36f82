package io.ticketmesh.platform.privacy;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * How long a service keeps personal data that belongs to no account ({@code ticketmesh.privacy.retention},
 * {@code TICKETMESH_PERSONAL_DATA_RETENTION}, 400 days): every {@code ticketmesh.privacy.sweep-interval} each
 * {@link ExpiringPersonalData} erases what it kept longer, {@value #BATCH} entries a statement, so a first sweep over
 * years of rows holds no lock for long. Each kind's entries erased are counted ({@value #ERASED}, tagged {@code kind}
 * with the name of its bean).
 */
public class PersonalDataRetention {
    static final int BATCH = 5_000;
    static final String ERASED = "ticketmesh.privacy.erased";
    private static final Logger log = LoggerFactory.getLogger(PersonalDataRetention.class);
    /** Each kind of data by the name of its bean, which the log names. */
    private final Map<String, ExpiringPersonalData> data;
    private final Duration retention;
    private final Clock clock;
    private final MeterRegistry metrics;

    public PersonalDataRetention(Map<String, ExpiringPersonalData> data, Duration retention, Clock clock, MeterRegistry metrics) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("ticketmesh.privacy.retention must be positive, not " + retention);
        }
        this.data = Map.copyOf(data);
        this.retention = retention;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Erases everything kept longer than the retention; answers how many entries. */
    @Scheduled(fixedDelayString = "${ticketmesh.privacy.sweep-interval}", initialDelayString = "${ticketmesh.privacy.sweep-interval}")
    public int sweep() {
        OffsetDateTime cutoff = clock.instant().atOffset(ZoneOffset.UTC).minus(retention);
        int erased = 0;
        for (Map.Entry<String, ExpiringPersonalData> kept : data.entrySet()) {
            int ofThis = 0;
            int round;
            do {
                round = kept.getValue().eraseKeptBefore(cutoff, BATCH);
                ofThis += round;
            } while (round == BATCH);
            if (ofThis > 0) {
                metrics.counter(ERASED, "kind", kept.getKey()).increment(ofThis);
                log.info("{}: {} entries kept longer than {} erased", kept.getKey(), ofThis, retention);
            }
            erased += ofThis;
        }
        return erased;
    }
}
