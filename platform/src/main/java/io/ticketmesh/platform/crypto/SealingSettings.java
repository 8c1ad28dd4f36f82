package io.ticketmesh.platform.crypto;

import java.util.function.Function;

/** Reads a sealing key's setting, failing with the setting's name when it is missing or no such key. */
final class SealingSettings {
    private SealingSettings() {}

    static <K> K read(String value, String setting, Function<String, K> parse) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("missing required setting " + setting + ": base64 of the X25519 key workers seal"
                    + " and open the secrets events carry with (deployment/env.example shows how to make one)");
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting " + setting + " is " + e.getMessage(), e);
        }
    }
}
