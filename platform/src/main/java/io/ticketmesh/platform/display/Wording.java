package io.ticketmesh.platform.display;

import io.ticketmesh.proto.ticket.v1.Ticket;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How a ticket's place and a show's time are written for people: in mails and on printed tickets alike. */
public final class Wording {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private Wording() {}

    /** "Stalls, row B, seat 4", or for a standing place "Floor, standing". */
    public static String place(Ticket ticket) {
        return ticket.getRow().isEmpty() ? ticket.getSection() + ", standing"
                : ticket.getSection() + ", row " + ticket.getRow() + ", seat " + ticket.getSeatLabel();
    }

    /** "Saturday 12 June 2027 at 19:30 (Europe/Berlin)": a day and time as the venue's clocks show it. */
    public static String when(Instant instant, String timezone) {
        ZoneId zone = zone(timezone);
        return WHEN.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** "19:35 (Europe/Berlin)": a time of the day as the venue's clocks show it. */
    public static String clock(Instant instant, String timezone) {
        ZoneId zone = zone(timezone);
        return CLOCK.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** The venue's time zone; UTC when it names none this JDK knows. */
    static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException | NullPointerException unknown) {
            return ZoneId.of("UTC");
        }
    }
}
