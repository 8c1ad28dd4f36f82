package io.ticketmesh.workers.email;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.GetEventRequest;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import io.ticketmesh.proto.event.v1.VenueView;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
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
 * venue without its seat map), asked of event-service (public reads) and kept a minute. When event-service cannot say, the email
 * goes without it: the tickets matter more than the title.
 */
@Component
public class Shows {
    private static final Logger log = LoggerFactory.getLogger(Shows.class);
    private static final long FRESH_FOR_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private final ManagedChannel channel;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    private record Known(Show show, long atNanos) {}

    /**
     * A showtime as an email names it: what, when (its end null when the catalog gives none), and where ({@code venue}:
     * its name, address and city).
     */
    public record Show(String title, Instant startsAt, Instant endsAt, String timezone, String venue) {
        /** "Hamlet, Saturday 12 June 2027 at 19:30 (Europe/Berlin)", and on a second line where, when known. */
        public String describe() {
            return headline() + (venue.isEmpty() ? "" : "\n" + venue);
        }

        /** "Hamlet, Saturday 12 June 2027 at 19:30 (Europe/Berlin)": what and when, in the venue's time zone. */
        public String headline() {
            return title + ", " + when(startsAt);
        }

        /** The show at another time (the organizer moved it). */
        public Show movedTo(Instant newStart, Instant newEnd) {
            return new Show(title, newStart, newEnd, timezone, venue);
        }

        /** "Saturday 12 June 2027 at 19:30 (Europe/Berlin)": a day and time as the venue's clocks show it. */
        public String when(Instant instant) {
            return WHEN.format(instant.atZone(zone())) + " (" + zone().getId() + ")";
        }

        /** "19:35 (Europe/Berlin)": a time of the day as the venue's clocks show it. */
        public String clock(Instant instant) {
            return CLOCK.format(instant.atZone(zone())) + " (" + zone().getId() + ")";
        }

        /** The venue's time zone; UTC when it names none this JDK knows. */
        private ZoneId zone() {
            try {
                return ZoneId.of(timezone);
            } catch (DateTimeException | NullPointerException unknown) {
                return ZoneId.of("UTC");
            }
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
        Known cached = known.get(showtimeId);
        if (cached != null && System.nanoTime() - cached.atNanos() < FRESH_FOR_NANOS) {
            return Optional.of(cached.show());
        }
        try {
            var events = EventServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
            Showtime showtime = events.getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId).build()).getShowtime();
            String title = events.getEvent(GetEventRequest.newBuilder().setEventId(showtime.getEventId()).build()).getEvent().getTitle();
            Venue venue = VenueServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS).getVenue(GetVenueRequest.newBuilder()
                    .setVenueId(showtime.getVenueId()).setView(VenueView.VENUE_VIEW_BASIC).build()).getVenue();
            Show show = new Show(title, Instant.ofEpochSecond(showtime.getStartsAt().getSeconds()),
                    showtime.hasEndsAt() ? Instant.ofEpochSecond(showtime.getEndsAt().getSeconds()) : null, showtime.getTimezone(),
                    Show.where(venue));
            known.put(showtimeId, new Known(show, System.nanoTime()));
            return Optional.of(show);
        } catch (StatusRuntimeException e) {
            log.warn("the email of showtime {} goes without its title and venue: event-service answered {}", showtimeId, e.getStatus());
            return Optional.empty();
        }
    }
}
