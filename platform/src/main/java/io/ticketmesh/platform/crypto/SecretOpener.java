package io.ticketmesh.platform.crypto;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.security.PrivateKey;

/**
 * Opens the secrets events carry sealed for workers ({@link SealedSecrets}) with workers' private key:
 * {@code ticketmesh.sealing.private-key} ({@code TICKETMESH_SEALING_PRIVATE_KEY}), the other half of the publishers'
 * {@code ticketmesh.sealing.public-key}.
 */
public final class SecretOpener {
    static final String SETTING = "TICKETMESH_SEALING_PRIVATE_KEY (ticketmesh.sealing.private-key)";
    private final PrivateKey key;

    private SecretOpener(PrivateKey key) {
        this.key = key;
    }

    /** From the setting's value; fails, naming the setting, when it is missing or not such a key. */
    public static SecretOpener of(String setting) {
        return new SecretOpener(SealingSettings.read(setting, SETTING, SealedSecrets::privateKey));
    }

    /**
     * The secret sealed for the bytes field {@code field} of an event; IllegalArgumentException when it was not sealed
     * to this key for that field.
     */
    public String open(ByteString sealed, FieldDescriptor field) {
        return SealedSecrets.open(sealed, key, field.getFullName());
    }
}
