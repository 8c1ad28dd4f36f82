package io.ticketmesh.platform.inbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A consumed event that fails is retried from 0.5 s up to every 30 s, for as long as it takes, never skipped: for
 * services whose events must all take effect (ticket-service's inventory, workers' emails), which import it. Later
 * events of the same partition wait behind it, which keeps each key's events in order.
 */
@Configuration
public class RetryForever {
    @Bean
    CommonErrorHandler retryForever() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }
}
