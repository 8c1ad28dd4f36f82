package io.ticketmesh.workers;

import io.ticketmesh.embedded.EmbeddedSmtpServer;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** workers in this JVM against real PostgreSQL, Redis and Kafka, and an SMTP server the tests read (one for all of them). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class WorkersTestBase {
    static final int SMTP_PORT = FreePorts.next();
    /** Replaced by a test that stops SMTP for a while; closed with the JVM. */
    static EmbeddedSmtpServer smtp = EmbeddedSmtpServer.start(SMTP_PORT);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "workers");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("ticketmesh.privacy.repeat-interval", () -> "500ms");
    }
}
