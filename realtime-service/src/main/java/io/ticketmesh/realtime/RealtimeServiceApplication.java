package io.ticketmesh.realtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** realtime-service: Pushes seat changes to open seat maps (WebSocket and a gRPC stream). Holds nothing durable. */
@SpringBootApplication
public class RealtimeServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(RealtimeServiceApplication.class, args);
    }
}
