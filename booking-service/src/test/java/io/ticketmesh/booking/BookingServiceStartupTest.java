package io.ticketmesh.booking;

import io.grpc.Channel;
import io.ticketmesh.proto.booking.v1.BookingServiceGrpc;
import io.ticketmesh.proto.booking.v1.GetBookingRequest;
import io.ticketmesh.platform.testing.GrpcServiceStartupContract;
import java.util.List;
import java.util.Set;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "ticketmesh.service-identity.client-secret=startup-test-secret")
class BookingServiceStartupTest extends GrpcServiceStartupContract {
    @Override
    protected List<String> apiServices() {
        return List.of("ticketmesh.booking.v1.BookingService", "ticketmesh.waitingroom.v1.WaitingRoomService", "ticketmesh.waitlist.v1.WaitlistService");
    }

    @Override
    protected void callWithInvalidRequest(Channel channel) {
        BookingServiceGrpc.newBlockingStub(channel).getBooking(GetBookingRequest.newBuilder().setBookingId("nope").build());
    }

    @Override
    protected Set<String> ownedTopics() {
        return Set.of("ticketmesh.bookings", "ticketmesh.waitingroom", "ticketmesh.waitlist");
    }
}
