package io.ticketmesh.workers.email;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.platform.display.Wording;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.GetShowtimeResponse;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import io.ticketmesh.proto.event.v1.VenueView;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * What a booking's showtime is, for its emails: the event's title, when, in the venue's time zone, and where (the
 * venue without its seat map), asked of event-service (public reads). The showtime (with its event) is asked each time,
 * so a mail written just after the organizer moved it names the new time and its calendar entry the new revision; the
 * venue's place is kept a minute. When event-service cannot say, the email goes without it: the tickets
 * matter more than the title.
 */
@Component
public class Shows {
    private static final Logger log = LoggerFactory.getLogger(Shows.class);
    private static final long FRESH_FOR_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final ManagedChannel channel;
    private final Map<String, Known> places = new ConcurrentHashMap<>();

    private record Known(String place, long atNanos) {
        boolean fresh() {
            return System.nanoTime() - atNanos < FRESH_FOR_NANOS;
        }
    }

    /**
     * A showtime as an email names it: what, when (its end null when the catalog gives none), where ({@code venue}:
     * its name, address and city), and its revision ({@code version}, the showtime's, which a calendar entry carries
     * as its sequence so the latest mail's entry wins).
     */
    public record Show(String title, Instant startsAt, Instant endsAt, String timezone, String venue, long version) {
        /** "Hamlet, Saturday 12 June 2027 at 19:30 (Europe/Berlin)", and on a second line where, when known. */
        public String describe() {
            return headline() + (venue.isEmpty() ? "" : "\n" + venue);
        }

        /** "Hamlet, Saturday 12 June 2027 at 19:30 (Europe/Berlin)": what and when, in the venue's time zone. */
        public String headline() {
            return title + ", " + when(startsAt);
        }

        /** The show at another time, as of the showtime's {@code version} (the organizer moved it). */
        public Show movedTo(Instant newStart, Instant newEnd, long newVersion) {
            return new Show(title, newStart, newEnd, timezone, venue, newVersion);
        }

        /** "Saturday 12 June 2027 at 19:30 (Europe/Berlin)": a day and time as the venue's clocks show it. */
        public String when(Instant instant) {
            return Wording.when(instant, timezone);
        }

        /** "19:35 (Europe/Berlin)": a time of the day as the venue's clocks show it. */
        public String clock(Instant instant) {
            return Wording.clock(instant, timezone);
        }

        /** "Globe Theatre, 21 New Globe Walk, London": the parts the venue has, in that order. */
        static String where(Venue venue) {
            return Stream.of(venue.getName(), venue.getAddress(), venue.getCity()).filter(part -> !part.isBlank())
                    .collect(Collectors.joining(", "));
        }
    }

    public Shows(GrpcChannelFactory channels, @Value("${ticketmesh.catalog.target}") String target) {
        this.channel = channels.createChannel(target);
    }

    public Optional<Show> of(String showtimeId) {
        try {
            GetShowtimeResponse found = EventServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId).build());
            Showtime showtime = found.getShowtime();
            return Optional.of(new Show(found.getEvent().getTitle(), Instant.ofEpochSecond(showtime.getStartsAt().getSeconds()),
                    showtime.hasEndsAt() ? Instant.ofEpochSecond(showtime.getEndsAt().getSeconds()) : null, showtime.getTimezone(),
                    place(showtime.getVenueId()), showtime.getVersion()));
        } catch (StatusRuntimeException e) {
            log.warn("the email of showtime {} goes without its title and venue: event-service answered {}", showtimeId, e.getStatus());
            return Optional.empty();
        }
    }

    /** Where the venue is, as asked of event-service at most once a minute. */
    private String place(String venueId) {
        Known cached = places.get(venueId);
        if (cached != null && cached.fresh()) {
            return cached.place();
        }
        String place = Show.where(VenueServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .getVenue(GetVenueRequest.newBuilder().setVenueId(venueId).setView(VenueView.VENUE_VIEW_BASIC).build()).getVenue());
        if (places.size() >= 1_000) {
            places.values().removeIf(stale -> !stale.fresh());
        }
        places.put(venueId, new Known(place, System.nanoTime()));
        return place;
    }
}
