package io.ticketmesh.booking.client;

import io.grpc.ManagedChannel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/** The one channel booking-service keeps to ticket-service, shared by its inventory and ticket clients. */
@Configuration(proxyBeanMethods = false)
class TicketServiceChannel {
    static final String NAME = "ticketService";

    @Bean(NAME)
    ManagedChannel ticketService(GrpcChannelFactory channels, @Value("${ticketmesh.inventory.target}") String target) {
        return channels.createChannel(target);
    }
}
