package io.ticketmesh.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.testing.ServiceStartupContract;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** workers serve no API: health, metrics and their migrated notification database are what they promise. */
class WorkersStartupTest extends ServiceStartupContract {
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
