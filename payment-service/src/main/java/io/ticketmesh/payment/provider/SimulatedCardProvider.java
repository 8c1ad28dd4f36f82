package io.ticketmesh.payment.provider;

import static io.ticketmesh.payment.persistence.jooq.Tables.PROVIDER_CHARGES;
import static io.ticketmesh.payment.persistence.jooq.Tables.PROVIDER_OPERATIONS;

import io.ticketmesh.payment.config.PaymentProperties;
import io.ticketmesh.payment.persistence.jooq.tables.records.ProviderChargesRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

/**
 * A card provider simulated in this process, behaving as a real one does from the outside: it takes time to
 * answer, declines and challenges the test cards, times out on one, keeps its own books (provider_charges,
 * provider_operations, committed on their own whatever payment-service's transaction does), honours idempotency
 * keys, and reports 3-D Secure outcomes by signed webhook.
 */
@Component
public class SimulatedCardProvider implements PaymentProvider {
    private final ProviderBooks books;
    private final PaymentProperties properties;
    private final ProviderWebhooks webhooks;
    private final Clock clock;

    public SimulatedCardProvider(ProviderBooks books, PaymentProperties properties, ProviderWebhooks webhooks, Clock clock) {
        this.books = books;
        this.properties = properties;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Override
    public Authorization authorize(String key, CardDetails card, long amountMinor, String currency, String description, String returnUrl) {
        TestCards kind = TestCards.of(card, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        if (kind == TestCards.TIMEOUT) {
            pause(properties.providerTimeout());
            throw new ProviderTimeoutException("the card network did not answer within " + properties.providerTimeout());
        }
        networkLatency();
        // one statement on its own: the charge as first made under this key, made now or by an earlier attempt
        String id = "ch_" + UUID.randomUUID().toString().replace("-", "");
        DSLContext dsl = books.dsl();
        return authorization(dsl.insertInto(PROVIDER_CHARGES)
                .set(PROVIDER_CHARGES.ID, id).set(PROVIDER_CHARGES.IDEMPOTENCY_KEY, key)
                .set(PROVIDER_CHARGES.CARD_BRAND, card.brand()).set(PROVIDER_CHARGES.CARD_LAST4, card.last4())
                .set(PROVIDER_CHARGES.CURRENCY, currency).set(PROVIDER_CHARGES.AMOUNT_MINOR, amountMinor)
                .set(PROVIDER_CHARGES.STATUS, switch (kind) {
                    case APPROVE -> "authorized";
                    case CHALLENGE -> "requires_action";
                    default -> "failed";
                })
                .set(PROVIDER_CHARGES.DECLINE_CODE, declineCode(kind))
                .set(PROVIDER_CHARGES.RETURN_URL, returnUrl)
                .onConflict(PROVIDER_CHARGES.IDEMPOTENCY_KEY).doNothing().returning().fetchOptional()
                .orElseGet(() -> dsl.selectFrom(PROVIDER_CHARGES).where(PROVIDER_CHARGES.IDEMPOTENCY_KEY.eq(key)).fetchSingle()));
    }

    @Override
    public Optional<String> chargeFor(String authorizeKey) {
        networkLatency();
        return books.dsl().select(PROVIDER_CHARGES.ID).from(PROVIDER_CHARGES).where(PROVIDER_CHARGES.IDEMPOTENCY_KEY.eq(authorizeKey))
                .fetchOptional(PROVIDER_CHARGES.ID);
    }

    @Override
    public String capture(String key, String chargeId, long amountMinor) {
        return operate(key, chargeId, "capture", amountMinor, charge -> {
            require(charge.getStatus().equals("authorized") && amountMinor <= charge.getAmountMinor(), charge, "capture " + amountMinor);
            charge.setCapturedMinor(amountMinor);
            charge.setStatus("captured");
        });
    }

    @Override
    public String voidCharge(String key, String chargeId) {
        return operate(key, chargeId, "void", 0, charge -> {
            require(charge.getStatus().equals("authorized") || charge.getStatus().equals("requires_action"), charge, "void");
            charge.setStatus("voided");
        });
    }

    @Override
    public String refund(String key, String chargeId, long amountMinor) {
        return operate(key, chargeId, "refund", amountMinor, charge -> {
            require(charge.getStatus().equals("captured") && amountMinor <= charge.getCapturedMinor() - charge.getRefundedMinor(),
                    charge, "refund " + amountMinor);
            charge.setRefundedMinor(charge.getRefundedMinor() + amountMinor);
        });
    }

    /** The customer finished the 3-D Secure page; the outcome reaches payment-service by webhook. Answers the return URL. */
    public Optional<String> completeChallenge(String chargeId, boolean passed) {
        networkLatency();
        Optional<ProviderChargesRecord> completed = books.transaction(dsl -> {
            ProviderChargesRecord charge = dsl.selectFrom(PROVIDER_CHARGES).where(PROVIDER_CHARGES.ID.eq(chargeId)).forUpdate().fetchOne();
            if (charge == null || !charge.getStatus().equals("requires_action")) {
                return Optional.<ProviderChargesRecord>empty();
            }
            charge.setStatus(passed ? "authorized" : "failed");
            charge.setDeclineCode(passed ? null : "authentication_failed");
            charge.setUpdatedAt(OffsetDateTime.now(clock));
            charge.update();
            return Optional.of(charge);
        });
        completed.ifPresent(charge -> webhooks.deliver(passed ? "charge.authorized" : "charge.failed", charge.getId(), charge.getDeclineCode()));
        return completed.map(ProviderChargesRecord::getReturnUrl);
    }

    /** Whether a charge waits for its challenge, for the challenge page. */
    public Optional<ProviderChargesRecord> charge(String chargeId) {
        return books.dsl().selectFrom(PROVIDER_CHARGES).where(PROVIDER_CHARGES.ID.eq(chargeId)).fetchOptional();
    }

    private String operate(String key, String chargeId, String kind, long amountMinor, java.util.function.Consumer<ProviderChargesRecord> change) {
        networkLatency();
        return books.transaction(dsl -> {
            // the charge, locked, with the operation an earlier attempt under this key did, if one did
            Record found = dsl.select(PROVIDER_CHARGES.fields()).select(PROVIDER_OPERATIONS.OPERATION_ID).from(PROVIDER_CHARGES)
                    .leftJoin(PROVIDER_OPERATIONS).on(PROVIDER_OPERATIONS.IDEMPOTENCY_KEY.eq(key))
                    .where(PROVIDER_CHARGES.ID.eq(chargeId)).forUpdate().of(PROVIDER_CHARGES).fetchOne();
            if (found == null) {
                throw new IllegalStateException("no such charge " + chargeId);
            }
            if (found.get(PROVIDER_OPERATIONS.OPERATION_ID) != null) {
                return found.get(PROVIDER_OPERATIONS.OPERATION_ID);
            }
            // the operation is recorded under the key before the charge changes: an attempt under the same key that held
            // the charge's lock first committed after the read above took its snapshot (the join does not see it), and
            // the key then answers with that attempt's operation instead of doing it twice (or refusing it)
            String operationId = (kind.equals("refund") ? "re_" : "op_") + UUID.randomUUID().toString().replace("-", "");
            int recorded = dsl.insertInto(PROVIDER_OPERATIONS).set(PROVIDER_OPERATIONS.IDEMPOTENCY_KEY, key)
                    .set(PROVIDER_OPERATIONS.CHARGE_ID, chargeId).set(PROVIDER_OPERATIONS.KIND, kind).set(PROVIDER_OPERATIONS.AMOUNT_MINOR, amountMinor)
                    .set(PROVIDER_OPERATIONS.OPERATION_ID, operationId).onConflictDoNothing().execute();
            if (recorded == 0) {
                return dsl.select(PROVIDER_OPERATIONS.OPERATION_ID).from(PROVIDER_OPERATIONS)
                        .where(PROVIDER_OPERATIONS.IDEMPOTENCY_KEY.eq(key)).fetchSingle(PROVIDER_OPERATIONS.OPERATION_ID);
            }
            ProviderChargesRecord charge = found.into(PROVIDER_CHARGES);
            change.accept(charge);
            charge.setUpdatedAt(OffsetDateTime.now(clock));
            charge.update();
            return operationId;
        });
    }

    private Authorization authorization(ProviderChargesRecord charge) {
        return switch (charge.getStatus()) {
            case "requires_action" -> new Authorization(Outcome.REQUIRES_ACTION, charge.getId(), null, null,
                    properties.simulated().publicUrl() + "/simulated-provider/challenges/" + charge.getId());
            case "failed" -> new Authorization(Outcome.DECLINED, charge.getId(), charge.getDeclineCode(), declineMessage(charge.getDeclineCode()), null);
            default -> new Authorization(Outcome.AUTHORIZED, charge.getId(), null, null, null);
        };
    }

    private static String declineCode(TestCards kind) {
        return switch (kind) {
            case DECLINE -> "card_declined";
            case INSUFFICIENT_FUNDS -> "insufficient_funds";
            case INCORRECT_NUMBER -> "incorrect_number";
            case EXPIRED -> "expired_card";
            default -> null;
        };
    }

    private static String declineMessage(String code) {
        return switch (code) {
            case "insufficient_funds" -> "The card has insufficient funds.";
            case "incorrect_number" -> "The card number is incorrect.";
            case "expired_card" -> "The card has expired.";
            case "authentication_failed" -> "The 3-D Secure challenge was not completed.";
            default -> "The card was declined.";
        };
    }

    private static void require(boolean allowed, ProviderChargesRecord charge, String what) {
        if (!allowed) {
            throw new ProviderRefusedException("provider refuses to " + what + " on charge " + charge.getId() + " (" + charge.getStatus()
                    + ", captured " + charge.getCapturedMinor() + ", refunded " + charge.getRefundedMinor() + ")");
        }
    }

    private void networkLatency() {
        long min = properties.simulated().latencyMin().toMillis();
        long max = Math.max(min, properties.simulated().latencyMax().toMillis());
        pause(Duration.ofMillis(min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1)));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderTimeoutException("interrupted while waiting for the provider");
        }
    }
}
