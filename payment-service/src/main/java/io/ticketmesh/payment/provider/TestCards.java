package io.ticketmesh.payment.provider;

import java.time.YearMonth;

/**
 * How the simulated provider treats a card number, after the test cards of API.md. Any other number that passes
 * the Luhn check is approved; one that fails it is declined as {@code incorrect_number}.
 */
enum TestCards {
    APPROVE, DECLINE, INSUFFICIENT_FUNDS, CHALLENGE, TIMEOUT, INCORRECT_NUMBER, EXPIRED;

    static TestCards of(PaymentProvider.CardDetails card, YearMonth now) {
        if (YearMonth.of(card.expYear(), card.expMonth()).isBefore(now)) {
            return EXPIRED;
        }
        return switch (card.number()) {
            case "4000000000000002" -> DECLINE;
            case "4000000000009995" -> INSUFFICIENT_FUNDS;
            case "4000000000003220" -> CHALLENGE;
            case "4000000000000119" -> TIMEOUT;
            default -> luhnValid(card.number()) ? APPROVE : INCORRECT_NUMBER;
        };
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
