package io.ticketmesh.ticket;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.HoldStatus;
import io.ticketmesh.proto.ticket.v1.ReleaseHoldRequest;
import io.ticketmesh.proto.ticket.v1.SeatsHeld;
import io.ticketmesh.proto.ticket.v1.SeatsReleased;
import io.ticketmesh.ticket.hold.InventoryEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Holds and releases sent at the same moment are decided together in one transaction; these tests send the same
 * request many times at once, so copies land in one batch and in consecutive ones, and check that a batch changes
 * and announces each hold once.
 */
class HoldBatchTest extends TicketServiceTestBase {
    private static final int COPIES = 16;
    @Autowired
    DSLContext dsl;

    @Test
    void copiesOfOneHoldSentAtOnceMakeOneHoldAndEveryCopyGetsIt() throws Exception {
        PublishedShowtime showtime = publish(1, 10, 4);
        String customer = customer();
        HoldSeatsRequest request = HoldSeatsRequest.newBuilder().setRequestId("once").setShowtimeId(showtime.id())
                .addAllSeatIds(showtime.seatIds().subList(0, 2)).build();

        List<Hold> answers = atOnce(() -> inventory(customer).holdSeats(request).getHold());

        assertThat(answers).extracting(Hold::getHoldId).containsOnly(answers.getFirst().getHoldId());
        assertThat(answers).allMatch(hold -> hold.getStatus() == HoldStatus.HOLD_STATUS_ACTIVE && hold.getSeatsCount() == 2);
        assertThat(dsl.fetchCount(DSL.table("holds"), DSL.field("showtime_id").eq(UUID.fromString(showtime.id())))).isEqualTo(1);
        RemoteError overLimit = failure(() -> inventory(customer).holdSeats(request.toBuilder().setRequestId("more")
                .clearSeatIds().addAllSeatIds(showtime.seatIds().subList(2, 5)).build()));
        assertThat(overLimit.metadata()).as("the copies count once toward the limit").containsEntry("held_or_bought", "2");

        RemoteError reused = failure(() -> inventory(customer).holdSeats(request.toBuilder().clearSeatIds()
                .addAllSeatIds(showtime.seatIds().subList(5, 7)).build()));
        assertThat(reused.code()).isEqualTo(Status.Code.ABORTED);
        assertThat(reused.reason()).isEqualTo(ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void holdsForTheBoxOfficeDecidedWithAStaffMembersOwnCountNothingTowardItsLimit() throws Exception {
        PublishedShowtime showtime = publish(2, 10, 4);
        String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
        AtomicInteger sent = new AtomicInteger();
        List<Hold> holds = atOnce(() -> {
            int n = sent.getAndIncrement();
            HoldSeatsRequest.Builder request = HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                    .setShowtimeId(showtime.id());
            return inventory(staff).holdSeats((n < COPIES - 1 ? request.addSeatIds(showtime.seatIds().get(n)).setBoxOffice(true)
                    : request.addAllSeatIds(showtime.seatIds().subList(COPIES - 1, COPIES + 3))).build()).getHold();
        });
        assertThat(holds).as("the box office's seats in the same batches leave the staff member's own four").hasSize(COPIES)
                .filteredOn(hold -> !hold.getBoxOffice()).singleElement().satisfies(own -> assertThat(own.getSeatIdsList()).hasSize(4));
    }

    @Test
    void copiesOfOneReleaseSentAtOnceFreeTheSeatsOnceAndAnnounceItOnce() throws Exception {
        PublishedShowtime showtime = publish(1, 10, 10);
        String customer = customer();
        Hold hold = inventory(customer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId("hold").setShowtimeId(showtime.id())
                .addAllSeatIds(showtime.seatIds().subList(0, 2)).build()).getHold();
        ReleaseHoldRequest release = ReleaseHoldRequest.newBuilder().setRequestId("release").setHoldId(hold.getHoldId()).build();

        List<Hold> answers = atOnce(() -> inventory(customer).releaseHold(release).getHold());

        assertThat(answers).allMatch(h -> h.getStatus() == HoldStatus.HOLD_STATUS_RELEASED && h.getSeatsCount() == 2);
        Hold later = inventory(customer()).holdSeats(HoldSeatsRequest.newBuilder().setRequestId("later").setShowtimeId(showtime.id())
                .addAllSeatIds(showtime.seatIds().subList(0, 2)).build()).getHold();
        // the showtime's events in order: the hold, its one release, the later hold (a second release would come before it)
        List<ReceivedEvent> events = KafkaTestEvents.read(InventoryEvents.TOPIC, showtime.id(), 3);
        assertThat(events).extracting(ReceivedEvent::type).containsExactly(SeatsHeld.getDescriptor().getFullName(),
                SeatsReleased.getDescriptor().getFullName(), SeatsHeld.getDescriptor().getFullName());
        assertThat(events.get(2).payload(SeatsHeld.parser()).getHoldId()).isEqualTo(later.getHoldId());
    }

    /** Runs {@code call} from {@value #COPIES} threads released together; returns every answer. */
    private static <T> List<T> atOnce(Callable<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(COPIES)) {
            List<Future<T>> answers = IntStream.range(0, COPIES).mapToObj(i -> threads.submit(() -> {
                start.await();
                return call.call();
            })).toList();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get());
            }
            return results;
        }
    }
}
