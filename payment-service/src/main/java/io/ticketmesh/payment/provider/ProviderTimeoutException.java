package io.ticketmesh.payment.provider;

/** The provider did not answer in time. Whether it acted is unknown: repeat the call with the same idempotency key. */
public class ProviderTimeoutException extends RuntimeException {
    public ProviderTimeoutException(String message) {
        super(message);
    }
}
