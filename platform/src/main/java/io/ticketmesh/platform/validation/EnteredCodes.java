package io.ticketmesh.platform.validation;

import java.util.Locale;

/**
 * Codes customers type (promotion codes, presale codes): compared in upper case without surrounding spaces, and made
 * of 3 to 32 letters, digits or dashes.
 */
public final class EnteredCodes {
    private static final String PATTERN = "^[A-Z0-9-]{3,32}$";

    private EnteredCodes() {}

    /** The code as it is kept and compared: stripped, in upper case. */
    public static String normalized(String entered) {
        return entered.strip().toUpperCase(Locale.ROOT);
    }

    /** Whether a normalized code is well formed. */
    public static boolean wellFormed(String code) {
        return code.matches(PATTERN);
    }
}
