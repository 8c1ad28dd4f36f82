package io.ticketmesh.booking.domain;

import java.security.SecureRandom;

/** Booking references like {@code TM-7KQ4-ZP2D}: 8 characters of Crockford's base32 (no I, L, O, U), 40 random bits. */
public final class References {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private References() {}

    public static String next() {
        StringBuilder reference = new StringBuilder("TM-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return reference.toString();
    }
}
