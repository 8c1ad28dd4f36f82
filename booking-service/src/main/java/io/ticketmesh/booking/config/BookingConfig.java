package io.ticketmesh.booking.config;

import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.platform.auth.ServiceTokens;
import io.ticketmesh.platform.privacy.ExpiringPersonalData;
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

    /**
     * A box office buyer's name and address on the sale, erased once it is older than the platform's personal data
     * retention ({@code PersonalDataRetention}): the buyer has no account whose closing would ({@code CustomerDetails}
     * erases an account's). The sale stays, amounts and all; mails its events ask for later go nowhere.
     */
    @Bean
    ExpiringPersonalData boxOfficeBuyers(BookingRepository bookings) {
        return bookings::eraseBoxOfficeBuyers;
    }
}
