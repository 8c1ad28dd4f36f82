package io.ticketmesh.platform.config;

import io.netty.channel.epoll.Epoll;
import org.redisson.config.TransportMode;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * For a service that talks to Redis through Redisson: as many Netty threads and callback threads as there are cores
 * (Redisson's defaults, 32 and 16, leave a two-core machine with 48 mostly idle threads, and nearly every command woke
 * an idle one of its own), and on Linux Netty's native epoll transport (fewer system calls a command than NIO). A
 * service's own customizer (timeouts, connection pools) runs besides this one.
 */
@AutoConfiguration
@ConditionalOnClass(name = {"org.redisson.spring.starter.RedissonAutoConfigurationCustomizer", "io.netty.channel.epoll.Epoll"})
public class RedisTransportConfiguration {
    @Bean
    RedissonAutoConfigurationCustomizer redisTransport() {
        return config -> {
            int cores = Runtime.getRuntime().availableProcessors();
            config.setNettyThreads(cores);
            config.setThreads(cores);
            if (Epoll.isAvailable()) {
                config.setTransportMode(TransportMode.EPOLL);
            }
        };
    }
}
