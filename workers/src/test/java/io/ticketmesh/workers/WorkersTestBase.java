package io.ticketmesh.workers;

import io.ticketmesh.embedded.EmbeddedSmtpServer;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.platform.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * workers in this JVM against real PostgreSQL, Redis and Kafka, an SMTP server the tests read (one for all of them),
 * an in-process catalog standing in for event-service ({@link FakeCatalog}), and their gRPC server on a free port,
 * verifying tokens of {@link #TOKENS}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
public abstract class WorkersTestBase {
    static final int SMTP_PORT = FreePorts.next();
    static final int GRPC_PORT = FreePorts.next();
    static final TestTokens TOKENS = new TestTokens();
    /** Replaced by a test that stops SMTP for a while; closed with the JVM. */
    static EmbeddedSmtpServer smtp = EmbeddedSmtpServer.start(SMTP_PORT);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "workers");
        FakeCatalog.start();
        registry.add("ticketmesh.catalog.target", () -> "in-process:" + FakeCatalog.NAME);
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("ticketmesh.auth.jwks-url", TOKENS::jwksUrl);
        registry.add("ticketmesh.privacy.repeat-interval", () -> "500ms");
        registry.add("ticketmesh.mail.reminders.poll-interval", () -> "500ms");
        registry.add("ticketmesh.mail.reminders.retry", () -> "1s");
    }
}
