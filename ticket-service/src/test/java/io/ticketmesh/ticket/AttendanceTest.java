package io.ticketmesh.ticket;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static io.ticketmesh.ticket.TicketBookings.book;
import static io.ticketmesh.ticket.TicketBookings.tickets;
import static io.ticketmesh.ticket.persistence.jooq.Tables.TICKETS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.ticketmesh.proto.ticket.v1.ArrivalWindow;
import io.ticketmesh.proto.ticket.v1.Attendance;
import io.ticketmesh.proto.ticket.v1.CheckInRequest;
import io.ticketmesh.proto.ticket.v1.GateAdmissions;
import io.ticketmesh.proto.ticket.v1.GetAttendanceRequest;
import io.ticketmesh.proto.ticket.v1.SectionAttendance;
import io.ticketmesh.proto.ticket.v1.Ticket;
import io.ticketmesh.proto.ticket.v1.TransferTicketRequest;
import io.ticketmesh.proto.ticket.v1.VoidTicketsRequest;
import io.ticketmesh.ticket.TicketBookings.Booking;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** GetAttendance: the door's count of a showtime, read from its tickets as they are admitted, given and voided. */
class AttendanceTest extends TicketServiceTestBase {
    private final String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "STAFF"));
    @Autowired
    DSLContext dsl;

    private Attendance attendance(String showtimeId) {
        return tickets(staff).getAttendance(GetAttendanceRequest.newBuilder().setShowtimeId(showtimeId).build()).getAttendance();
    }

    /** Admits the ticket at the gate, then moves its admission to {@code at} so the test chooses its quarter hour. */
    private void admit(Ticket ticket, String gate, String at) {
        tickets(staff).checkIn(CheckInRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setQrPayload(ticket.getQrPayload()).setGate(gate).build());
        dsl.update(TICKETS).set(TICKETS.CHECKED_IN_AT, OffsetDateTime.parse(at))
                .where(TICKETS.ID.eq(UUID.fromString(ticket.getTicketId()))).execute();
    }

    private static Timestamp at(String instant) {
        return Timestamps.fromMillis(Instant.parse(instant).toEpochMilli());
    }

    @Test
    void admissionsAreCountedBySectionGateAndQuarterHour() {
        Booking booking = book(5);
        String showtimeId = booking.showtime().id();
        String section = booking.tickets().getFirst().getSection();
        Attendance before = attendance(showtimeId);
        assertThat(before.getTickets()).isEqualTo(5);
        assertThat(before.getAdmitted()).isZero();
        assertThat(before.getToCome()).isEqualTo(5);
        assertThat(before.getSectionsList()).containsExactly(SectionAttendance.newBuilder().setSection(section).setTickets(5).build());
        assertThat(before.getGatesList()).isEmpty();
        assertThat(before.getArrivalsList()).isEmpty();
        assertThat(before.hasLastAdmittedAt()).isFalse();

        admit(booking.tickets().get(0), "North door", "2026-12-05T18:59:59Z");
        admit(booking.tickets().get(1), "South door", "2026-12-05T19:00:00Z");
        admit(booking.tickets().get(2), "North door", "2026-12-05T19:14:30Z");
        Attendance after = attendance(showtimeId);
        assertThat(after.getTickets()).isEqualTo(5);
        assertThat(after.getAdmitted()).isEqualTo(3);
        assertThat(after.getToCome()).isEqualTo(2);
        assertThat(after.getSectionsList()).containsExactly(SectionAttendance.newBuilder().setSection(section).setTickets(5).setAdmitted(3).build());
        assertThat(after.getGatesList()).containsExactly(
                GateAdmissions.newBuilder().setGate("North door").setAdmitted(2).setLastAdmittedAt(at("2026-12-05T19:14:30Z")).build(),
                GateAdmissions.newBuilder().setGate("South door").setAdmitted(1).setLastAdmittedAt(at("2026-12-05T19:00:00Z")).build());
        assertThat(after.getArrivalsList()).containsExactly(
                ArrivalWindow.newBuilder().setStartsAt(at("2026-12-05T18:45:00Z")).setAdmitted(1).build(),
                ArrivalWindow.newBuilder().setStartsAt(at("2026-12-05T19:00:00Z")).setAdmitted(2).build());
        assertThat(after.getLastAdmittedAt()).isEqualTo(at("2026-12-05T19:14:30Z"));
        assertThat(after.getAdmittedByHand()).isZero();

        tickets(staff).checkIn(CheckInRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setTicketId(booking.tickets().get(3).getTicketId()).setGate("North door").build());
        Attendance byHand = attendance(showtimeId);
        assertThat(byHand.getAdmitted()).isEqualTo(4);
        assertThat(byHand.getAdmittedByHand()).isEqualTo(1);
        assertThat(byHand.getGatesList().getFirst().getAdmitted()).as("a gate's admissions by code and by hand together").isEqualTo(3);
    }

    @Test
    void aGivenTicketCountsOnceAndAVoidedOneOnlyIfItsHolderCameIn() {
        Booking booking = book(4);
        String showtimeId = booking.showtime().id();
        String service = TOKENS.service("booking-service");
        admit(booking.tickets().get(0), "Main door", "2026-12-05T19:20:00Z");
        String recipient = UUID.randomUUID().toString();
        tickets(booking.customer()).transferTicket(TransferTicketRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setTicketId(booking.tickets().get(1).getTicketId()).setRecipientUserId(recipient).setRecipientName("Grace Hopper")
                .setRecipientEmail("grace@example.test").build());
        tickets(service).voidTickets(VoidTicketsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setBookingId(booking.bookingId()).addTicketIds(booking.tickets().get(0).getTicketId())
                .addTicketIds(booking.tickets().get(2).getTicketId()).setReason("refunded by the organizer").build());

        Attendance attendance = attendance(showtimeId);
        assertThat(attendance.getAdmitted()).as("the voided ticket's holder is inside").isEqualTo(1);
        assertThat(attendance.getToCome()).as("the given ticket's recipient and the fourth seat").isEqualTo(2);
        assertThat(attendance.getTickets()).isEqualTo(3);
    }

    @Test
    void onlyTheOrganizationsStaffReadItAndOnlyForAPublishedShowtime() {
        Booking booking = book(1);
        GetAttendanceRequest request = GetAttendanceRequest.newBuilder().setShowtimeId(booking.showtime().id()).build();
        assertThat(failure(() -> tickets(booking.customer()).getAttendance(request)).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        String otherStaff = TOKENS.member(UUID.randomUUID().toString(), Map.of(UUID.randomUUID().toString(), "OWNER"));
        assertThat(failure(() -> tickets(otherStaff).getAttendance(request)).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(() -> tickets(staff).getAttendance(GetAttendanceRequest.newBuilder()
                .setShowtimeId(UUID.randomUUID().toString()).build())).code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failure(() -> tickets(staff).getAttendance(GetAttendanceRequest.newBuilder().setShowtimeId("nope").build())).code())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
}
