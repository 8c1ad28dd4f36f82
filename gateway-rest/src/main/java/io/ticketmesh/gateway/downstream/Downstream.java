package io.ticketmesh.gateway.downstream;

import io.grpc.ManagedChannel;
import io.grpc.stub.AbstractStub;
import io.ticketmesh.gateway.config.GatewayProperties;
import io.ticketmesh.proto.booking.v1.BookingServiceGrpc;
import io.ticketmesh.proto.booking.v1.PromoCodeServiceGrpc;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import io.ticketmesh.proto.notification.v1.NotificationServiceGrpc;
import io.ticketmesh.proto.ticket.v1.InventoryServiceGrpc;
import io.ticketmesh.proto.ticket.v1.TicketServiceGrpc;
import io.ticketmesh.proto.waitingroom.v1.WaitingRoomServiceGrpc;
import io.ticketmesh.proto.waitlist.v1.WaitlistServiceGrpc;
import java.util.concurrent.TimeUnit;
import org.springframework.grpc.client.ChannelBuilderOptions;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * One gRPC channel per downstream service (targets from {@code ticketmesh.gateway.services}), and its stubs with
 * the call deadline set. The channels carry the platform's client interceptor, so every call sends the caller's
 * token and the request id. Calls go through {@link GrpcCalls} for breakers and retries.
 */
@Component
public class Downstream {
    static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
    private final ManagedChannel event;
    private final ManagedChannel ticket;
    private final ManagedChannel booking;
    private final ManagedChannel workers;
    private final long deadlineMillis;

    public Downstream(GrpcChannelFactory channels, GatewayProperties properties) {
        GatewayProperties.Services targets = properties.services();
        // answers can be large: a venue of 50,000 seats is several MiB
        ChannelBuilderOptions options = ChannelBuilderOptions.defaults()
                .withCustomizer((target, builder) -> builder.maxInboundMessageSize(MAX_MESSAGE_BYTES));
        this.event = channels.createChannel(targets.event(), options);
        this.ticket = channels.createChannel(targets.ticket(), options);
        this.booking = channels.createChannel(targets.booking(), options);
        this.workers = channels.createChannel(targets.workers(), options);
        this.deadlineMillis = properties.deadline().toMillis();
    }

    public VenueServiceGrpc.VenueServiceBlockingStub venues() {
        return withDeadline(VenueServiceGrpc.newBlockingStub(event));
    }

    public EventServiceGrpc.EventServiceBlockingStub events() {
        return withDeadline(EventServiceGrpc.newBlockingStub(event));
    }

    public InventoryServiceGrpc.InventoryServiceBlockingStub inventory() {
        return withDeadline(InventoryServiceGrpc.newBlockingStub(ticket));
    }

    public TicketServiceGrpc.TicketServiceBlockingStub tickets() {
        return withDeadline(TicketServiceGrpc.newBlockingStub(ticket));
    }

    /** Bookings get longer: CreateBooking runs the saga (payment provider included) before it answers. */
    public BookingServiceGrpc.BookingServiceBlockingStub bookings() {
        return BookingServiceGrpc.newBlockingStub(booking).withDeadlineAfter(Math.max(deadlineMillis, 20_000), TimeUnit.MILLISECONDS);
    }

    public PromoCodeServiceGrpc.PromoCodeServiceBlockingStub promoCodes() {
        return withDeadline(PromoCodeServiceGrpc.newBlockingStub(booking));
    }

    public WaitingRoomServiceGrpc.WaitingRoomServiceBlockingStub waitingRoom() {
        return withDeadline(WaitingRoomServiceGrpc.newBlockingStub(booking));
    }

    public WaitlistServiceGrpc.WaitlistServiceBlockingStub waitlist() {
        return withDeadline(WaitlistServiceGrpc.newBlockingStub(booking));
    }

    public NotificationServiceGrpc.NotificationServiceBlockingStub notifications() {
        return withDeadline(NotificationServiceGrpc.newBlockingStub(workers));
    }

    private <S extends AbstractStub<S>> S withDeadline(S stub) {
        return stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
