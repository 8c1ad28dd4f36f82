package io.ticketmesh.workers.email;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A show as an iCalendar event (RFC 5545), attached to the tickets email so a customer adds it to their calendar in
 * one tap: times in UTC (every client shows them in its own zone), the venue as the location, the booking in the
 * description. Its UID is the booking's, so a client that receives it twice keeps one entry, and one with a higher
 * SEQUENCE (the show moved) updates it.
 */
final class CalendarEntry {
    static final String CONTENT_TYPE = "text/calendar; charset=UTF-8; method=PUBLISH";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Octets a content line may take before it is folded (RFC 5545 3.1). */
    private static final int LINE_OCTETS = 75;

    private CalendarEntry() {}

    /**
     * The entry for {@code show}, {@code uid} naming it for good; {@code stamp} is when it was written, its sequence the
     * show's version (a calendar replaces an entry by one of a higher sequence; none written for 0).
     */
    static byte[] of(String uid, Shows.Show show, String description, Instant stamp) {
        long sequence = show.version();
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//Ticketmesh//Tickets//EN");
        line(ics, "METHOD:PUBLISH");
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + text(uid));
        line(ics, "DTSTAMP:" + UTC.format(stamp.truncatedTo(ChronoUnit.SECONDS)));
        if (sequence > 0) {
            line(ics, "SEQUENCE:" + sequence);
        }
        line(ics, "DTSTART:" + UTC.format(show.startsAt()));
        if (show.endsAt() != null && show.endsAt().isAfter(show.startsAt())) {
            line(ics, "DTEND:" + UTC.format(show.endsAt()));
        }
        line(ics, "SUMMARY:" + text(show.title()));
        if (!show.venue().isEmpty()) {
            line(ics, "LOCATION:" + text(show.venue()));
        }
        line(ics, "DESCRIPTION:" + text(description));
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A TEXT value: backslashes, semicolons and commas escaped, line breaks as {@code \n}. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
                .replace("\r", "\\n");
    }

    /** A content line ending in CRLF, folded every {@value #LINE_OCTETS} octets of UTF-8 without splitting a character. */
    private static void line(StringBuilder ics, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > LINE_OCTETS) {
                ics.append("\r\n ");
                octets = 1;
            }
            ics.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        ics.append("\r\n");
    }
}
