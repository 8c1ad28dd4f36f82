package io.ticketmesh.workers.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CalendarEntryTest {
    private static final Instant STAMP = Instant.parse("2026-12-05T10:15:30.250Z");

    @Test
    void aShowIsAnEventInUtcWithItsVenueAndTheBooking() {
        Shows.Show hamlet = new Shows.Show("Hamlet", Instant.parse("2027-06-12T17:30:00Z"), Instant.parse("2027-06-12T20:15:00Z"),
                "Europe/Berlin", "Globe Theatre, 21 New Globe Walk, London", 0);
        String ics = new String(CalendarEntry.of("b1@ticketmesh", hamlet, "Booking TM-AAAA-BBBB: Stalls, row A, seat 2", STAMP),
                StandardCharsets.UTF_8);
        assertThat(ics).isEqualTo("""
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//Ticketmesh//Tickets//EN\r
                METHOD:PUBLISH\r
                BEGIN:VEVENT\r
                UID:b1@ticketmesh\r
                DTSTAMP:20261205T101530Z\r
                DTSTART:20270612T173000Z\r
                DTEND:20270612T201500Z\r
                SUMMARY:Hamlet\r
                LOCATION:Globe Theatre\\, 21 New Globe Walk\\, London\r
                DESCRIPTION:Booking TM-AAAA-BBBB: Stalls\\, row A\\, seat 2\r
                END:VEVENT\r
                END:VCALENDAR\r
                """);
    }

    @Test
    void textIsEscapedLongLinesAreFoldedWithoutSplittingACharacterAndAnUnknownEndIsLeftOut() {
        assertThat(CalendarEntry.text("a\\b;c,d\ne")).isEqualTo("a\\\\b\\;c\\,d\\ne");
        Shows.Show longOne = new Shows.Show("Ö".repeat(100), Instant.parse("2027-06-12T17:30:00Z"), null, "UTC", "", 1);
        String ics = new String(CalendarEntry.of("b2@ticketmesh", longOne, "", STAMP), StandardCharsets.UTF_8);
        assertThat(ics).doesNotContain("DTEND").doesNotContain("LOCATION").contains("\r\n ");
        String[] lines = ics.split("\r\n");
        assertThat(Arrays.stream(lines).mapToInt(line -> line.getBytes(StandardCharsets.UTF_8).length).max().orElseThrow()).isLessThanOrEqualTo(75);
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("SUMMARY:" + "Ö".repeat(100) + "\r\n").doesNotContain("\uFFFD");
    }

    @Test
    void aRevisedEntryCarriesItsSequenceSoCalendarsReplaceTheFirst() {
        Shows.Show moved = new Shows.Show("Hamlet", Instant.parse("2027-06-14T17:30:00Z"), null, "UTC", "", 4);
        assertThat(new String(CalendarEntry.of("b1@ticketmesh", moved, "", STAMP), StandardCharsets.UTF_8))
                .contains("UID:b1@ticketmesh\r\nDTSTAMP:20261205T101530Z\r\nSEQUENCE:4\r\nDTSTART:20270614T173000Z\r\n");
    }
}
