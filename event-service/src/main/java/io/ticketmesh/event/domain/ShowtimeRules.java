package io.ticketmesh.event.domain;

import io.ticketmesh.event.persistence.VenueRepository.VenueFacts;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.Showtime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a new showtime must satisfy against its venue and the clock; every broken rule is reported. */
final class ShowtimeRules {
    static final Duration LONGEST_REFUND_STEP = Duration.ofDays(366);

    private ShowtimeRules() {}

    static void check(Showtime showtime, VenueFacts venue, String organizationId, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!venue.organizationId().toString().equals(organizationId)) {
            violations.add(new FieldViolation("showtime.venue_id", "is not a venue of this event's organization"));
        }
        Instant starts = seconds(showtime.getStartsAt());
        if (!starts.isAfter(now)) {
            violations.add(new FieldViolation("showtime.starts_at", "must be in the future"));
        }
        if (showtime.hasEndsAt() && !seconds(showtime.getEndsAt()).isAfter(starts)) {
            violations.add(new FieldViolation("showtime.ends_at", "must be after starts_at"));
        }
        if (showtime.hasSalesStart() && showtime.hasSalesEnd()
                && !seconds(showtime.getSalesEnd()).isAfter(seconds(showtime.getSalesStart()))) {
            violations.add(new FieldViolation("showtime.sales_end", "must be after sales_start"));
        }
        if (showtime.hasSalesEnd() && seconds(showtime.getSalesEnd()).isAfter(starts)) {
            violations.add(new FieldViolation("showtime.sales_end", "must not be after starts_at"));
        }
        if (showtime.hasCustomerRefundsEnd() && seconds(showtime.getCustomerRefundsEnd()).isAfter(starts)) {
            violations.add(new FieldViolation("showtime.customer_refunds_end", "must not be after starts_at"));
        }
        checkRefundSteps(showtime, violations);
        Set<String> priced = new HashSet<>();
        Set<String> currencies = new TreeSet<>();
        for (int i = 0; i < showtime.getPriceTiersCount(); i++) {
            PriceTier tier = showtime.getPriceTiers(i);
            if (!priced.add(tier.getTier())) {
                violations.add(new FieldViolation("showtime.price_tiers[" + i + "].tier", "tier " + tier.getTier() + " is priced twice"));
            }
            currencies.add(tier.getPrice().getCurrency());
        }
        if (currencies.size() > 1) {
            violations.add(new FieldViolation("showtime.price_tiers", "all prices must share one currency, not " + currencies));
        }
        Set<String> unpriced = new TreeSet<>(venue.tiersInUse());
        unpriced.removeAll(priced);
        if (unpriced.contains("")) {
            violations.add(new FieldViolation("showtime.venue_id", "the venue has seats without a tier"));
            unpriced.remove("");
        }
        if (!unpriced.isEmpty()) {
            violations.add(new FieldViolation("showtime.price_tiers", "the venue's seats use tiers without a price: " + unpriced));
        }
        if (!violations.isEmpty()) {
            throw DomainException.invalid(violations);
        }
    }

    /** Each step a whole number of minutes before the show, from one minute to {@link #LONGEST_REFUND_STEP}, each once. */
    private static void checkRefundSteps(Showtime showtime, List<FieldViolation> violations) {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < showtime.getCustomerRefundStepsCount(); i++) {
            com.google.protobuf.Duration given = showtime.getCustomerRefundSteps(i).getBeforeStart();
            Duration before = Duration.ofSeconds(given.getSeconds(), given.getNanos());
            String field = "showtime.customer_refund_steps[" + i + "].before_start";
            if (before.compareTo(Duration.ofMinutes(1)) < 0 || before.compareTo(LONGEST_REFUND_STEP) > 0
                    || before.toSecondsPart() != 0 || before.getNano() != 0) {
                violations.add(new FieldViolation(field, "must be a whole number of minutes from 1 minute to 366 days"));
            } else if (!seen.add(before)) {
                violations.add(new FieldViolation(field, "is the before_start of an earlier step"));
            }
        }
    }

    static Instant seconds(com.google.protobuf.Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
