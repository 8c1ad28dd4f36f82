package io.ticketmesh.platform.crypto;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.security.PublicKey;

/**
 * Seals the secrets a service's events carry for workers, which mail them ({@link SealedSecrets}), to workers' public
 * key: {@code ticketmesh.sealing.public-key} ({@code TICKETMESH_SEALING_PUBLIC_KEY}), required of a service that
 * publishes such events. A secret is sealed for the event field that carries it.
 */
public final class SecretSealer {
    static final String SETTING = "TICKETMESH_SEALING_PUBLIC_KEY (ticketmesh.sealing.public-key)";
    private final PublicKey workers;

    private SecretSealer(PublicKey workers) {
        this.workers = workers;
    }

    /** From the setting's value; fails, naming the setting, when it is missing or not such a key. */
    public static SecretSealer of(String setting) {
        return new SecretSealer(SealingSettings.read(setting, SETTING, SealedSecrets::publicKey));
    }

    /** The secret sealed for the bytes field {@code field} of an event. */
    public ByteString seal(String secret, FieldDescriptor field) {
        return SealedSecrets.seal(secret, workers, field.getFullName());
    }
}
