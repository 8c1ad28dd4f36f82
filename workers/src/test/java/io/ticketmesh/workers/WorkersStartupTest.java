package io.ticketmesh.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.testing.ServiceStartupContract;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * workers' health, metrics and migrated notification database; their one API, NotificationService, is
 * {@link NotificationServiceTest}'s.
 */
class WorkersStartupTest extends ServiceStartupContract {
    private static final int GRPC_PORT = FreePorts.next();

    @DynamicPropertySource
    static void grpcPort(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
    }

    @Autowired
    DSLContext dsl;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void databaseIsMigratedWithTheInbox() {
        assertThat(dsl.fetchCount(dsl.selectFrom("inbox"))).isZero();
    }

    @Test
    void bookingsAreMailedByThreeConsumersAtOnce() {
        var bookingMails = listeners.getListenerContainers().stream()
                .filter(container -> Arrays.asList(container.getContainerProperties().getTopics()).contains("ticketmesh.bookings")
                        && "workers.emails".equals(container.getGroupId()))
                .toList();
        assertThat(bookingMails).singleElement().isInstanceOfSatisfying(ConcurrentMessageListenerContainer.class,
                container -> assertThat(container.getConcurrency()).isEqualTo(3));
    }
}
