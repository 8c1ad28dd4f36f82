package io.ticketmesh.payment.provider;

import java.util.Optional;

/**
 * A card payment provider as payment-service sees it. Every call carries an idempotency key: the provider
 * performs each keyed operation at most once and answers a repeated key with the first result, so a retry after
 * a timeout or a crash never charges twice. Calls may throw {@link ProviderTimeoutException}, and capture, void and
 * refund {@link ProviderRefusedException} when the charge's state does not allow them.
 */
public interface PaymentProvider {

    /** Reserves {@code amountMinor} on the card: approved, declined, or a 3-D Secure challenge to complete first. */
    Authorization authorize(String idempotencyKey, CardDetails card, long amountMinor, String currency, String description,
                            String returnUrl);

    /** The charge an earlier authorize with this key created, if it reached the provider. */
    Optional<String> chargeFor(String authorizeKey);

    /** Charges part or all of an authorized amount. */
    String capture(String idempotencyKey, String chargeId, long amountMinor);

    /** Releases an authorization (or abandons a pending challenge) without charging. */
    String voidCharge(String idempotencyKey, String chargeId);

    /** Gives back part or all of what was captured; answers the provider's refund id. */
    String refund(String idempotencyKey, String chargeId, long amountMinor);

    /** The card as it travels to the provider; never stored by payment-service. */
    record CardDetails(String number, int expMonth, int expYear, String cvc) {
        public String last4() {
            return number.substring(number.length() - 4);
        }

        public String brand() {
            return switch (number.charAt(0)) {
                case '4' -> "visa";
                case '5', '2' -> "mastercard";
                case '3' -> "amex";
                default -> "card";
            };
        }
    }

    /** The provider's answer to an authorization. */
    record Authorization(Outcome outcome, String chargeId, String declineCode, String declineMessage, String actionUrl) {}

    enum Outcome { AUTHORIZED, REQUIRES_ACTION, DECLINED }
}
