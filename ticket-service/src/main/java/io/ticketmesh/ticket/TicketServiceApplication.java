package io.ticketmesh.ticket;

import io.ticketmesh.platform.inbox.RetryForever;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** ticket-service: Seat inventory per showtime, holds, tickets with signed QR codes, check-in. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(RetryForever.class)
public class TicketServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(TicketServiceApplication.class, args);
    }
}
