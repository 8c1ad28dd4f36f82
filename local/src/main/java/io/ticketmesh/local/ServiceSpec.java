package io.ticketmesh.local;

import java.util.List;

/**
 * One service of the local stack: where its jar is built, its ports and its database.
 *
 * @param grpcPort 0 for a service without a gRPC server
 * @param database null for a service without a database
 */
record ServiceSpec(String name, int grpcPort, int httpPort, String database) {

    /** Every service, in start order, on the ports of ARCHITECTURE.md. */
    static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("gateway-rest", 0, 8080, "identity"),
            new ServiceSpec("event-service", 9091, 8091, "event"),
            new ServiceSpec("ticket-service", 9092, 8092, "ticket"),
            new ServiceSpec("booking-service", 9093, 8093, "booking"),
            new ServiceSpec("payment-service", 9094, 8094, "payment"),
            new ServiceSpec("realtime-service", 9095, 8081, null),
            new ServiceSpec("workers", 9096, 8096, "workers"));

    String jarPath() {
        return name + "/target/" + name + "-0.1.0-SNAPSHOT.jar";
    }
}
