package io.ticketmesh.workers;

import io.ticketmesh.platform.inbox.RetryForever;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** workers: Kafka consumers: ticket, cancellation and waitlist-offer emails. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(RetryForever.class)
@EnableScheduling
public class WorkersApplication {
    public static void main(String[] args) {
        SpringApplication.run(WorkersApplication.class, args);
    }
}
