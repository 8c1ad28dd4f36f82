package io.ticketmesh.platform.crypto;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Opens the secrets events carry sealed for workers ({@link SealedSecrets}) with workers' private key:
 * {@code ticketmesh.sealing.private-key} ({@code TICKETMESH_SEALING_PRIVATE_KEY}), the other half of the publishers'
 * {@code ticketmesh.sealing.public-key}. While a new key pair replaces the old, the old private keys are kept in
 * {@code ticketmesh.sealing.previous-private-keys} ({@code TICKETMESH_SEALING_PREVIOUS_PRIVATE_KEYS}, comma-separated),
 * so the events sealed to them before the publishers moved on still open; a secret is tried with each key, the current
 * first (a key it was not sealed to fails AES-GCM's check).
 */
public final class SecretOpener {
    static final String SETTING = "TICKETMESH_SEALING_PRIVATE_KEY (ticketmesh.sealing.private-key)";
    static final String PREVIOUS = "TICKETMESH_SEALING_PREVIOUS_PRIVATE_KEYS (ticketmesh.sealing.previous-private-keys)";
    private final List<PrivateKey> keys;

    private SecretOpener(List<PrivateKey> keys) {
        this.keys = keys;
    }

    /** From the settings' values; fails, naming the setting, when the current key is missing or any is not such a key. */
    public static SecretOpener of(String current, String previous) {
        List<PrivateKey> keys = new ArrayList<>(List.of(SealingSettings.read(current, SETTING, SealedSecrets::privateKey)));
        Arrays.stream(previous == null ? new String[0] : previous.split(",")).filter(key -> !key.isBlank())
                .forEach(key -> keys.add(SealingSettings.read(key, PREVIOUS, SealedSecrets::privateKey)));
        return new SecretOpener(List.copyOf(keys));
    }

    /**
     * The secret sealed for the bytes field {@code field} of an event; IllegalArgumentException when it was not sealed
     * to any of these keys for that field.
     */
    public String open(ByteString sealed, FieldDescriptor field) {
        IllegalArgumentException refused = null;
        for (PrivateKey key : keys) {
            try {
                return SealedSecrets.open(sealed, key, field.getFullName());
            } catch (IllegalArgumentException e) {
                refused = e;
            }
        }
        throw refused;
    }
}
