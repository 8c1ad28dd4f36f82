package io.ticketmesh.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.CreateEventRequest;
import io.ticketmesh.proto.event.v1.CreateEventResponse;
import io.ticketmesh.proto.event.v1.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

class IdempotentRequestsTest {
    private TransactionTemplate transactions;
    private IdempotentRequests idempotent;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void setUp() {
        DataSource dataSource = TestInfrastructure.postgres().dataSource(TestInfrastructure.newDatabase("idem"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform").load().migrate();
        DSLContext dsl = DSL.using(new TransactionAwareDataSourceProxy(dataSource), SQLDialect.POSTGRES);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        idempotent = new IdempotentRequests(dsl);
    }

    private static CreateEventRequest request(String requestId, String title) {
        return CreateEventRequest.newBuilder().setRequestId(requestId).setEvent(Event.newBuilder().setTitle(title)).build();
    }

    private CreateEventResponse call(CreateEventRequest request) {
        return transactions.execute(status -> idempotent.once(request.getRequestId(), request, CreateEventResponse.parser(), () -> {
            runs.incrementAndGet();
            return CreateEventResponse.newBuilder().setEvent(Event.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setTitle(request.getEvent().getTitle())).build();
        }));
    }

    @Test
    void aRetryReturnsTheFirstAnswerWithoutRunningAgain() {
        CreateEventResponse first = call(request("r-1", "Hamlet"));
        CreateEventResponse retry = call(request("r-1", "Hamlet"));
        assertThat(retry).isEqualTo(first);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void theSameIdForAnotherRequestIsRefused() {
        call(request("r-2", "Hamlet"));
        assertThatThrownBy(() -> call(request("r-2", "Macbeth")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED));
    }

    @Test
    void aFailedFirstCallLeavesNoKeySoTheRetryRuns() {
        assertThatThrownBy(() -> transactions.execute(status -> idempotent.once("r-3", request("r-3", "x"), CreateEventResponse.parser(), () -> {
            throw new IllegalStateException("the change failed");
        }))).isInstanceOf(IllegalStateException.class);
        call(request("r-3", "x"));
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void concurrentIdenticalCallsRunOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CreateEventResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return call(request("r-4", "Othello"));
            }));
        }
        start.countDown();
        CreateEventResponse first = answers.getFirst().get();
        for (Future<CreateEventResponse> answer : answers) {
            assertThat(answer.get()).isEqualTo(first);
        }
        pool.shutdown();
        assertThat(runs.get()).isEqualTo(1);
    }
}
