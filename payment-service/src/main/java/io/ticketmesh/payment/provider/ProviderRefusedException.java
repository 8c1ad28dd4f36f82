package io.ticketmesh.payment.provider;

/**
 * The provider refused an operation the charge's state does not allow (capturing a charge captured or voided under
 * another key, refunding more than is left), as a real provider answers such a request with a 4xx error. Nothing was
 * done; asking again under the same key is refused again.
 */
public class ProviderRefusedException extends RuntimeException {
    public ProviderRefusedException(String message) {
        super(message);
    }
}
