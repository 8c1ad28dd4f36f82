package io.ticketmesh.booking.client;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.GetEventRequest;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.Showtime;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * event-service's showtimes: which organization sells one, and in which currency. The most recently used answers are
 * kept in memory, since a showtime never changes hands (nor its inventory currency); a miss asks event-service outside
 * any lock or transaction.
 */
@Component
public class CatalogClient {
    static final int REMEMBERED = 10_000;
    private final ManagedChannel channel;
    private final Participants participants;
    private final Map<String, Seller> sellers = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seller> eldest) {
            return size() > REMEMBERED;
        }
    });

    public CatalogClient(GrpcChannelFactory channels, @Value("${ticketmesh.catalog.target}") String target, Participants participants) {
        this.channel = channels.createChannel(target);
        this.participants = participants;
    }

    /** Who sells a showtime, of which event, and the currency of its prices. */
    public record Seller(String organizationId, String eventId, String currency) {}

    /** The organization selling the showtime; UNAVAILABLE (DEPENDENCY_UNAVAILABLE) when event-service cannot say. */
    public String organizationOf(String showtimeId) {
        return sellerOf(showtimeId).organizationId();
    }

    /** Who sells the showtime, of which event and in which currency; UNAVAILABLE (DEPENDENCY_UNAVAILABLE) when event-service cannot say. */
    public Seller sellerOf(String showtimeId) {
        Seller known = sellers.get(showtimeId);
        if (known != null) {
            return known;
        }
        Showtime showtime = showtime(showtimeId);
        // every showtime has a price tier, and all its prices share one currency
        Seller seller = new Seller(showtime.getOrganizationId(), showtime.getEventId(), showtime.getPriceTiers(0).getPrice().getCurrency());
        sellers.put(showtimeId, seller);
        return seller;
    }

    /**
     * The showtime as event-service has it now (not remembered); NOT_FOUND for one there is not, UNAVAILABLE
     * (DEPENDENCY_UNAVAILABLE) when event-service cannot say.
     */
    public Showtime showtime(String showtimeId) {
        return ask("showtime", showtimeId, stub -> stub.getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId).build())
                .getShowtime());
    }

    /** The organization of an event; NOT_FOUND for one there is not, UNAVAILABLE (DEPENDENCY_UNAVAILABLE) when event-service cannot say. */
    public String organizationOfEvent(String eventId) {
        return ask("event", eventId, stub -> stub.getEvent(GetEventRequest.newBuilder().setEventId(eventId).build())
                .getEvent().getOrganizationId());
    }

    private <T> T ask(String what, String id, Function<EventServiceGrpc.EventServiceBlockingStub, T> call) {
        try {
            return call.apply(participants.asService(EventServiceGrpc.newBlockingStub(channel), Duration.ofSeconds(5)));
        } catch (StatusRuntimeException e) {
            RemoteError error = RemoteError.of(e);
            if (error.code() == Status.Code.NOT_FOUND) {
                throw DomainException.notFound(what, id);
            }
            throw new DomainException(FailureKind.UNAVAILABLE, ErrorReason.ERROR_REASON_DEPENDENCY_UNAVAILABLE,
                    "event-service could not be asked about the " + what + ": " + error.message());
        }
    }
}
