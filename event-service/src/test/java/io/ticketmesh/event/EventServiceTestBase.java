package io.ticketmesh.event;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.platform.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** event-service with its PostgreSQL and Kafka, called through real gRPC stubs with gateway-like tokens. */
@SpringBootTest
abstract class EventServiceTestBase {
    static final int GRPC_PORT = FreePorts.next();
    static final TestTokens TOKENS = new TestTokens();
    static final ManagedChannel CHANNEL = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext()
            .maxInboundMessageSize(32 * 1024 * 1024).build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "event");
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("server.port", () -> 0);
        registry.add("ticketmesh.auth.jwks-url", TOKENS::jwksUrl);
    }
}
