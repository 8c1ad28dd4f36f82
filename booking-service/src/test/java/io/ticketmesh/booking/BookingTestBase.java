package io.ticketmesh.booking;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.platform.testing.TestTokens;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingServiceGrpc;
import io.ticketmesh.reconciliation.Reconciliation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** booking-service in this JVM, against its participants as real processes (see {@link BookingFixtures}). */
@SpringBootTest
abstract class BookingTestBase extends BookingFixtures {
    static final int GRPC_PORT = FreePorts.next();
    static final ManagedChannel CHANNEL = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "booking");
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("server.port", () -> 0);
        registry.add("ticketmesh.auth.jwks-url", TOKENS::jwksUrl);
        registry.add("ticketmesh.service-identity.token-url", TOKENS::serviceTokenUrl);
        registry.add("ticketmesh.service-identity.client-secret", () -> TestTokens.SERVICE_SECRET);
        registry.add("ticketmesh.inventory.target", PARTICIPANTS.ticket::target);
        registry.add("ticketmesh.payments.target", PARTICIPANTS.payment::target);
        registry.add("ticketmesh.catalog.target", PARTICIPANTS.event::target);
        registry.add("ticketmesh.bookings.recovery-interval", () -> "200ms");
        // a participant restarted by a test is called again within a second of coming back, not up to 30 s later
        registry.add("ticketmesh.bookings.retry-at-most", () -> "1s");
        registry.add("ticketmesh.privacy.repeat-interval", () -> "500ms");
        // waitlist offers come from wake-ups alone here (seats freed, someone joined): a retry would hide a missed one
        registry.add("ticketmesh.waitlist.retry-interval", () -> "1h");
    }

    @Autowired
    CircuitBreakerRegistry breakers;

    /**
     * Every test starts with its participants trusted again: a breaker opened by an earlier test that killed a
     * participant would otherwise turn this test's first calls into retries.
     */
    @BeforeEach
    void closeBreakers() {
        breakers.getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }

    static BookingServiceGrpc.BookingServiceBlockingStub bookings(String token) {
        return GrpcTestCalls.as(BookingServiceGrpc.newBlockingStub(CHANNEL), token);
    }

    /** What the three services' books say of the showtime's bookings ({@link Reconciliation}). */
    static Reconciliation.Findings books(DataSource bookingDatabase, String showtimeId) throws SQLException {
        try (Connection booking = bookingDatabase.getConnection();
             Connection payment = DriverManager.getConnection(PARTICIPANTS.payment.jdbcUrl(), TestInfrastructure.postgres().username(), "");
             Connection ticket = DriverManager.getConnection(PARTICIPANTS.ticket.jdbcUrl(), TestInfrastructure.postgres().username(), "")) {
            return Reconciliation.check(booking, payment, ticket, UUID.fromString(showtimeId));
        }
    }

    /** The customer's booking of the first {@code seats} available seats of the showtime, paid with {@link #APPROVED}, once settled. */
    static Booking booked(String customer, String showtimeId, int seats) {
        return awaitBooking(customer, bookings(customer).createBooking(create(hold(customer, showtimeId, seats), APPROVED)).getBooking()
                .getBookingId(), BookingFixtures::settled);
    }

    static Booking awaitBooking(String customer, String bookingId, Predicate<Booking> done) {
        return awaitBooking(bookings(customer), bookingId, done);
    }
}
