package io.ticketmesh.ticket;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.platform.testing.TestTokens;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimePublished;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import io.ticketmesh.proto.event.v1.ShowtimeSeat;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityRequest;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import com.google.protobuf.Message;
import com.google.protobuf.util.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ticket-service with its PostgreSQL, Redis and Kafka, called over real gRPC with gateway-like tokens. Showtimes
 * arrive as they do in production: a ShowtimePublished record on Kafka, then the seat map read over gRPC (from
 * {@link CatalogStandIn}).
 */
@SpringBootTest
abstract class TicketServiceTestBase {
    static final int GRPC_PORT = FreePorts.next();
    static final TestTokens TOKENS = new TestTokens();
    static final CatalogStandIn CATALOG = new CatalogStandIn();
    static final ManagedChannel CHANNEL = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext()
            .maxInboundMessageSize(32 * 1024 * 1024).build();
    static final String ORGANIZATION = UUID.randomUUID().toString();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "ticket");
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("server.port", () -> 0);
        registry.add("ticketmesh.auth.jwks-url", TOKENS::jwksUrl);
        registry.add("ticketmesh.catalog.target", () -> "static://127.0.0.1:" + CATALOG.port);
        registry.add("ticketmesh.holds.sweep-interval", () -> "200ms");
        registry.add("ticketmesh.privacy.repeat-interval", () -> "500ms");
        // tests that look at the gate's claims need Redis to answer in time on a loaded machine
        registry.add("ticketmesh.holds.gate-timeout", () -> "1s");
    }

    static String customer() {
        return TOKENS.member(UUID.randomUUID().toString(), Map.of());
    }

    static InventoryServiceGrpc.InventoryServiceBlockingStub inventory(String token) {
        return GrpcTestCalls.as(InventoryServiceGrpc.newBlockingStub(CHANNEL), token);
    }

    /** Publishes a showtime of {@code rows} x {@code perRow} seats and waits until its inventory is built. */
    static PublishedShowtime publish(int rows, int perRow, int maxTicketsPerUser) {
        String showtimeId = UUID.randomUUID().toString();
        return publish(showtimeId, CATALOG.register(showtimeId, rows, perRow), maxTicketsPerUser);
    }

    /** Publishes a showtime of {@code rows} x {@code perRow} seats and a standing floor; waits until its inventory is built. */
    static PublishedShowtime publishWithFloor(int rows, int perRow, int floorCapacity, int maxTicketsPerUser) {
        String showtimeId = UUID.randomUUID().toString();
        List<ShowtimeSeat> seats = CATALOG.register(showtimeId, rows, perRow);
        var floor = CATALOG.addFloor(showtimeId, floorCapacity);
        PublishedShowtime showtime = publish(showtimeId, seats, maxTicketsPerUser);
        return new PublishedShowtime(showtime.id(), showtime.seatIds(), showtime.event(), floor.getSectionId());
    }

    /**
     * Publishes a hall of {@code rows} x {@code perRow} seats of tier A with the standing areas {@code addFloors} adds
     * to it (given the showtime id), and waits for its inventory.
     */
    static PublishedShowtime publishWithFloors(int rows, int perRow, int maxTicketsPerUser, Consumer<String> addFloors) {
        String showtimeId = UUID.randomUUID().toString();
        List<ShowtimeSeat> seats = CATALOG.register(showtimeId, rows, perRow);
        addFloors.accept(showtimeId);
        return publish(showtimeId, seats, maxTicketsPerUser);
    }

    /** Publishes another showtime in the same hall as {@code other} (the same seat ids) and waits for its inventory. */
    static PublishedShowtime publishInSameHall(PublishedShowtime other, int maxTicketsPerUser) {
        String showtimeId = UUID.randomUUID().toString();
        return publish(showtimeId, CATALOG.registerInSameHall(showtimeId, other.id()), maxTicketsPerUser);
    }

    private static PublishedShowtime publish(String showtimeId, List<ShowtimeSeat> seats, int maxTicketsPerUser) {
        ShowtimePublished event = ShowtimePublished.newBuilder().setMetadata(EventMetadatas.next(showtimeId, 2))
                .setShowtime(Showtime.newBuilder().setShowtimeId(showtimeId).setOrganizationId(ORGANIZATION)
                        .setStatus(ShowtimeStatus.SHOWTIME_STATUS_ON_SALE).setVersion(2).setMaxTicketsPerUser(maxTicketsPerUser)
                        .setStartsAt(Timestamps.fromMillis(System.currentTimeMillis() + Duration.ofDays(7).toMillis()))
                        .addPriceTiers(PriceTier.newBuilder().setTier("A").setPrice(Money.newBuilder().setAmountMinor(2500).setCurrency("EUR"))))
                .setTotalPlaces(seats.size()).build();
        send("ticketmesh.catalog.showtimes", showtimeId, event);
        awaitInventory(showtimeId);
        return new PublishedShowtime(showtimeId, seats.stream().map(ShowtimeSeat::getSeatId).toList(), event, null);
    }

    /** @param floorId the section id of its standing floor; null when it has none */
    record PublishedShowtime(String id, List<String> seatIds, ShowtimePublished event, String floorId) {}

    /** What a race for holds came to: the holds made, the SEAT_UNAVAILABLE refusals, and any other answer. */
    record RaceOutcome(List<Hold> holds, int refused, List<String> unexpected) {}

    /** {@code customers} customers, each on a thread of its own, send at once the hold request {@code requests} makes for them. */
    static RaceOutcome raceForHolds(int customers, Supplier<HoldSeatsRequest> requests, Runnable midway) throws InterruptedException {
        ConcurrentLinkedQueue<Hold> holds = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String customer = customer();
            HoldSeatsRequest request = requests.get();
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    holds.add(inventory(customer).holdSeats(request).getHold());
                } catch (StatusRuntimeException e) {
                    RemoteError error = RemoteError.of(e);
                    if (error.reason() == ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE) {
                        refused.incrementAndGet();
                    } else {
                        unexpected.add(error.code() + " " + error.reason() + " " + e.getMessage());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        midway.run();
        for (Thread thread : threads) {
            thread.join();
        }
        return new RaceOutcome(new ArrayList<>(holds), refused.get(), new ArrayList<>(unexpected));
    }

    @Autowired
    RedissonClient redis;

    /** The hold id the Redis gate has for the seat, null when no hold claims it there. */
    String gateClaim(PublishedShowtime showtime, String seatId) {
        return redis.<String>getBucket("tm:seat:{" + showtime.id() + "}:" + seatId, StringCodec.INSTANCE).get();
    }

    /**
     * Waits until holds go through the Redis gate again (after Redis was stopped the gate is bypassed for a while and
     * the client reconnects), holding a seat at a time until the gate has its claim.
     */
    void awaitGateInUse() {
        PublishedShowtime probe = publish(1, 100, 10);
        for (String seat : probe.seatIds()) {
            String holdId = inventory(customer()).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                    .setShowtimeId(probe.id()).addSeatIds(seat).build()).getHold().getHoldId();
            if (holdId.equals(gateClaim(probe, seat))) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the Redis seat gate is still bypassed after 100 holds");
    }

    /** Sends an event as the outbox relay does: proto payload, CloudEvents headers, keyed by its aggregate. */
    static void send(String topic, String key, Message event) {
        KafkaTestEvents.send(topic, key, event);
    }

    /** The events of {@code type} keyed {@code key} on {@code topic}, waiting up to 20 s for {@code expected} of them. */
    static List<ReceivedEvent> eventsOn(String topic, String key, String type, int expected) {
        return KafkaTestEvents.read(topic, key, expected).stream().filter(e -> e.type().equals(type)).toList();
    }

    static void awaitInventory(String showtimeId) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                inventory(null).getSeatAvailability(GetSeatAvailabilityRequest.newBuilder().setShowtimeId(showtimeId).build());
                return;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND || System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
