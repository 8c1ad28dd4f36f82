package io.ticketmesh.ticket.config;

import java.time.Duration;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis is only the seat gate's fast path: the service starts without it (connections are made when first needed),
 * and a call to it fails fast (no retries, {@code ticketmesh.holds.gate-timeout}, 200 ms) rather than hold a customer
 * up; holds then go through PostgreSQL alone. Its threads and transport are the platform's
 * ({@code RedisTransportConfiguration}).
 */
@Configuration
public class RedisGateConfig {
    @Bean
    RedissonAutoConfigurationCustomizer failFast(@Value("${ticketmesh.holds.gate-timeout:200ms}") Duration timeout) {
        return config -> {
            config.setLazyInitialization(true);
            config.useSingleServer().setRetryAttempts(0).setTimeout((int) timeout.toMillis()).setConnectTimeout(2_000)
                    .setConnectionMinimumIdleSize(4).setConnectionPoolSize(32);
        };
    }
}
