package io.ticketmesh.event;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.auth.AuthServerInterceptor;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.platform.testing.TestTokens;
import java.util.concurrent.TimeUnit;
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

    /** A stub that calls as the holder of {@code token} (anonymous when null). */
    static <S extends AbstractStub<S>> S as(S stub, String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(AuthServerInterceptor.AUTHORIZATION, "Bearer " + token);
        }
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).withDeadlineAfter(60, TimeUnit.SECONDS)
                .withMaxOutboundMessageSize(32 * 1024 * 1024);
    }

    static RemoteError failure(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return RemoteError.of(e);
        }
        throw new AssertionError("the call succeeded");
    }
}
