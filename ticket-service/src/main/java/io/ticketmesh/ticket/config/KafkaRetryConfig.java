package io.ticketmesh.ticket.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A consumed event that fails is retried from 0.5 s up to every 30 s, for as long as it takes: an announcement left
 * behind would leave a showtime without inventory, so no event is ever skipped. Later events of the same partition
 * wait behind it, which keeps each showtime's events in order.
 */
@Configuration
public class KafkaRetryConfig {
    @Bean
    CommonErrorHandler retryForever() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }
}
