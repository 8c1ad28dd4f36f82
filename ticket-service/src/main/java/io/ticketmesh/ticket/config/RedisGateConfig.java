package io.ticketmesh.ticket.config;

import io.netty.channel.epoll.Epoll;
import java.time.Duration;
import org.redisson.config.TransportMode;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis is only the seat gate's fast path: the service starts without it (connections are made when first needed),
 * and a call to it fails fast (no retries, {@code ticketmesh.holds.gate-timeout}, 200 ms) rather than hold a customer
 * up; holds then go through PostgreSQL alone. On Linux it talks to Redis through Netty's native epoll transport
 * (fewer system calls a command than NIO), on as many Netty threads as there are cores: with Redisson's default of 32,
 * nearly every gate call woke an idle thread of its own to send a few bytes and read the answer.
 */
@Configuration
public class RedisGateConfig {
    @Bean
    RedissonAutoConfigurationCustomizer failFast(@Value("${ticketmesh.holds.gate-timeout:200ms}") Duration timeout) {
        return config -> {
            config.setLazyInitialization(true);
            config.setNettyThreads(Runtime.getRuntime().availableProcessors());
            if (Epoll.isAvailable()) {
                config.setTransportMode(TransportMode.EPOLL);
            }
            config.useSingleServer().setRetryAttempts(0).setTimeout((int) timeout.toMillis()).setConnectTimeout(2_000)
                    .setConnectionMinimumIdleSize(4).setConnectionPoolSize(32);
        };
    }
}
