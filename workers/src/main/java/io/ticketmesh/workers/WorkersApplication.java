package io.ticketmesh.workers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** workers: Kafka consumers: ticket emails, realtime fan-out to Redis, waitlist offers. */
@SpringBootApplication
public class WorkersApplication {
    public static void main(String[] args) {
        SpringApplication.run(WorkersApplication.class, args);
    }
}
