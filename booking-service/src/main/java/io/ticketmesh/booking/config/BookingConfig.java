package io.ticketmesh.booking.config;

import io.ticketmesh.platform.auth.ServiceTokens;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration
@EnableScheduling
@EnableConfigurationProperties(BookingProperties.class)
public class BookingConfig {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** booking-service's own identity for saga steps, from the gateway's client-credentials endpoint. */
    @Bean
    ServiceTokens serviceTokens(@Value("${ticketmesh.service-identity.token-url}") String tokenUrl,
                                @Value("${ticketmesh.service-identity.client-id}") String clientId,
                                @Value("${ticketmesh.service-identity.client-secret:}") String clientSecret) {
        return new ServiceTokens(tokenUrl, clientId, clientSecret);
    }
}
