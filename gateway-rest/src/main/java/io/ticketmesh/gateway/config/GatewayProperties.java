package io.ticketmesh.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's settings ({@code ticketmesh.gateway.*}; environment variables in application.yml).
 *
 * @param tokens lifetimes of access and refresh tokens and the signing key schedule
 * @param rateLimits requests per minute before 429
 * @param maxBodyBytes larger request bodies get 413
 * @param maxSeatMapBytes the limit for venue bodies, which carry whole seat maps
 * @param seatMapCacheBytes how many bytes of seat map layouts the gateway keeps for REST seat map reads
 * @param corsOrigins browser origins allowed to call the API
 * @param services gRPC targets of the downstream services, e.g. {@code static://127.0.0.1:9091}
 * @param deadline how long one downstream call may take
 * @param demoData whether to create the demo organization and accounts at start (local stack only)
 * @param serviceClients Ticketmesh's own services that may get service tokens, as {@code client id -> secret}
 * @param paymentWebhookUrl where provider webhooks are passed on to (payment-service's HTTP endpoint)
 */
@ConfigurationProperties("ticketmesh.gateway")
public record GatewayProperties(Tokens tokens, RateLimits rateLimits, Long maxBodyBytes, Long maxSeatMapBytes, Long seatMapCacheBytes,
                                List<String> corsOrigins,
                                Services services, Duration deadline, Boolean demoData,
                                java.util.Map<String, String> serviceClients, String paymentWebhookUrl) {

    public GatewayProperties {
        tokens = tokens == null ? new Tokens(null, null, null, null) : tokens;
        rateLimits = rateLimits == null ? new RateLimits(null, null, null, null) : rateLimits;
        maxBodyBytes = maxBodyBytes == null ? 2L * 1024 * 1024 : maxBodyBytes;
        maxSeatMapBytes = maxSeatMapBytes == null ? 24L * 1024 * 1024 : maxSeatMapBytes;
        seatMapCacheBytes = seatMapCacheBytes == null ? 64L * 1024 * 1024 : seatMapCacheBytes;
        corsOrigins = corsOrigins == null ? List.of() : corsOrigins;
        services = services == null ? new Services(null, null, null, null) : services;
        deadline = deadline == null ? Duration.ofSeconds(5) : deadline;
        demoData = demoData != null && demoData;
        serviceClients = serviceClients == null ? java.util.Map.of() : java.util.Map.copyOf(serviceClients);
        paymentWebhookUrl = paymentWebhookUrl == null ? "http://127.0.0.1:8094/webhooks/simulated" : paymentWebhookUrl;
    }

    /**
     * @param accessTtl life of an access token (short: it cannot be revoked)
     * @param refreshTtl life of a refresh token family since login
     * @param keyRotation how long a signing key signs before the next one takes over
     * @param keyPrepublish how long a new key is published before it signs, so cached JWKS everywhere know it
     */
    public record Tokens(Duration accessTtl, Duration refreshTtl, Duration keyRotation, Duration keyPrepublish) {
        public Tokens {
            accessTtl = accessTtl == null ? Duration.ofMinutes(15) : accessTtl;
            refreshTtl = refreshTtl == null ? Duration.ofDays(30) : refreshTtl;
            keyRotation = keyRotation == null ? Duration.ofDays(7) : keyRotation;
            keyPrepublish = keyPrepublish == null ? Duration.ofMinutes(10) : keyPrepublish;
        }
    }

    /**
     * @param perIp requests per minute from one IP address, signed in or not
     * @param perUser requests per minute of one signed-in user
     * @param authPerIp login and register attempts per minute from one IP address
     */
    public record RateLimits(Integer perIp, Integer perUser, Integer authPerIp, Integer promoCodesPerUser) {
        public RateLimits {
            perIp = perIp == null ? 1200 : perIp;
            perUser = perUser == null ? 600 : perUser;
            authPerIp = authPerIp == null ? 20 : authPerIp;
            promoCodesPerUser = promoCodesPerUser == null ? 20 : promoCodesPerUser;
        }
    }

    public record Services(String event, String ticket, String booking, String workers) {
        public Services {
            event = event == null ? "static://127.0.0.1:9091" : event;
            ticket = ticket == null ? "static://127.0.0.1:9092" : ticket;
            booking = booking == null ? "static://127.0.0.1:9093" : booking;
            workers = workers == null ? "static://127.0.0.1:9096" : workers;
        }
    }
}
