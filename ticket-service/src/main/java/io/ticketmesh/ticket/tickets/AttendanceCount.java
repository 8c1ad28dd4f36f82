package io.ticketmesh.ticket.tickets;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.ticket.v1.ArrivalWindow;
import io.ticketmesh.proto.ticket.v1.Attendance;
import io.ticketmesh.proto.ticket.v1.GateAdmissions;
import io.ticketmesh.proto.ticket.v1.GetAttendanceRequest;
import io.ticketmesh.proto.ticket.v1.GetAttendanceResponse;
import io.ticketmesh.proto.ticket.v1.SectionAttendance;
import io.ticketmesh.ticket.inventory.ShowtimeOrganizations;
import io.ticketmesh.ticket.persistence.TicketRepository.AdmissionGroup;
import io.ticketmesh.ticket.persistence.TicketRepository;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * GetAttendance: the door's count of a showtime for its organization's STAFF and OWNERs, folded from one grouped read
 * of its tickets into sections, gates and quarter hours of arrival.
 */
@Service
public class AttendanceCount {
    private final TicketRepository tickets;
    private final ShowtimeOrganizations organizations;

    public AttendanceCount(TicketRepository tickets, ShowtimeOrganizations organizations) {
        this.tickets = tickets;
        this.organizations = organizations;
    }

    @Transactional(readOnly = true)
    public GetAttendanceResponse attendance(GetAttendanceRequest request, Caller caller) {
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        organizations.requireStaff(showtimeId, caller);
        return GetAttendanceResponse.newBuilder().setAttendance(fold(showtimeId, tickets.admissionGroups(showtimeId))).build();
    }

    private static Attendance fold(UUID showtimeId, List<AdmissionGroup> groups) {
        List<AdmissionGroup> admissions = groups.stream().filter(AdmissionGroup::admitted).toList();
        int all = sum(groups);
        int admitted = sum(admissions);
        var attendance = Attendance.newBuilder().setShowtimeId(showtimeId.toString())
                .setTickets(all).setAdmitted(admitted).setToCome(all - admitted)
                .setAdmittedByHand(sum(admissions.stream().filter(AdmissionGroup::byHand).toList()));
        by(groups, AdmissionGroup::section).forEach((section, ofSection) -> attendance.addSections(SectionAttendance.newBuilder()
                .setSection(section).setTickets(sum(ofSection)).setAdmitted(sum(ofSection.stream().filter(AdmissionGroup::admitted).toList()))));
        by(admissions, AdmissionGroup::gate).entrySet().stream()
                .map(gate -> GateAdmissions.newBuilder().setGate(gate.getKey()).setAdmitted(sum(gate.getValue()))
                        .setLastAdmittedAt(StoredTime.timestamp(latest(gate.getValue()))).build())
                .sorted(Comparator.comparingInt(GateAdmissions::getAdmitted).reversed())
                .forEach(attendance::addGates);
        by(admissions, AdmissionGroup::quarter).forEach((quarter, ofQuarter) -> attendance.addArrivals(ArrivalWindow.newBuilder()
                .setStartsAt(StoredTime.timestamp(quarter)).setAdmitted(sum(ofQuarter))));
        if (!admissions.isEmpty()) {
            attendance.setLastAdmittedAt(StoredTime.timestamp(latest(admissions)));
        }
        return attendance.build();
    }

    /** The groups by key, keys in order (names as {@code collate "C"} compares them, times oldest first). */
    private static <K extends Comparable<K>> Map<K, List<AdmissionGroup>> by(List<AdmissionGroup> groups, Function<AdmissionGroup, K> key) {
        Map<K, List<AdmissionGroup>> grouped = new TreeMap<>();
        groups.forEach(group -> grouped.computeIfAbsent(key.apply(group), k -> new ArrayList<>()).add(group));
        return grouped;
    }

    private static int sum(List<AdmissionGroup> groups) {
        return groups.stream().mapToInt(AdmissionGroup::tickets).sum();
    }

    private static OffsetDateTime latest(List<AdmissionGroup> groups) {
        return groups.stream().map(AdmissionGroup::lastAdmittedAt).max(Comparator.naturalOrder()).orElseThrow();
    }
}
